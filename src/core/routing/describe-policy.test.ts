import { describe, expect, it } from 'vitest';
import { describePolicy } from './describe-policy.js';

const base = {
  total: 3000,
  accepted: 2130,
  overlap: 300,
  human: 570,
  goldSize: 500,
  goldAccepted: 320,
  goldAcceptedCorrect: 315,
  target: 0.97,
  delta: 0.05,
  certified: true,
};

describe('describePolicy', () => {
  it('states coverage, observed accuracy and the guarantee in words', () => {
    expect(describePolicy(base)).toBe(
      "Accepting the machine's label for 71% of items (2,130 of 3,000); on 500 gold items the accepted labels were " +
        '98.4% correct (315 of 320), and with 95% confidence at least 97.0%, the target. ' +
        'The other 870 go to people: 300 with the machine as one more voter and 570 to people alone. ' +
        'The promise holds for items drawn like these 500 gold items, which must be a random sample of the pool.',
    );
  });

  it('adds the cost against people alone', () => {
    expect(describePolicy({ ...base, cost: { plan: 1234.4, allHuman: 5678 } })).toMatch(
      /Cost \$1,234 against \$5,678 for people alone \(78% less\)\.$/,
    );
  });

  it('says how much more gold a guarantee would need', () => {
    const text = describePolicy({
      ...base,
      accepted: 0,
      overlap: 0,
      human: 3000,
      certified: false,
      goldNeeded: {
        threshold: 0.99,
        observedAccuracy: 0.995,
        goldCoverage: 0.2,
        acceptedNeeded: 330,
        totalGold: 1650,
        additionalGold: 1150,
      },
    });
    expect(text).toContain(
      'No threshold can promise accepted labels 97.0% correct with 95% confidence from the 500 gold items available',
    );
    expect(text).toContain(
      'On the 20% of gold the machine was most confident about, it was 99.5% correct',
    );
    expect(text).toContain('about 1,150 more gold items (1,650 in all)');
  });

  it('says when more gold would not help', () => {
    const text = describePolicy({
      ...base,
      certified: false,
      goldNeeded: {
        threshold: 0.99,
        observedAccuracy: 0.95,
        goldCoverage: 0.2,
        acceptedNeeded: null,
        totalGold: null,
        additionalGold: null,
      },
    });
    expect(text).toContain('more gold alone would not be enough');
  });
});
