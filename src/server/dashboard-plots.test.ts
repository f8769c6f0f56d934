import { describe, expect, it } from 'vitest';
import { createLinkedomDocument } from '../report/linkedom-document.js';
import { HOSTILE, reportFixture } from '../testing/fixtures/report-fixture.js';
import { dashboardPlots } from './dashboard-plots.js';

const context = () => ({ document: createLinkedomDocument() });

describe('dashboardPlots', () => {
  it('draws the reliability and cost–accuracy plots of a report, texts escaped', () => {
    const plots = dashboardPlots(reportFixture(), context());
    expect(plots.calibration.svg).toMatch(/^<svg\b[^>]*id="plot-reliability"[\s\S]*<\/svg>$/);
    expect(plots.calibration.svg).toContain('ECE 8.0% (6.0–10.0%)');
    expect(plots.costAccuracy.svg).toMatch(/^<svg\b[^>]*id="plot-cost-accuracy"[\s\S]*<\/svg>$/);
    expect(plots.source).toBe(`llm:${HOSTILE}#ab12`);
    expect(`${plots.calibration.svg}${plots.costAccuracy.svg}`).not.toContain('<script');
    expect(plots.calibration.caption).toMatch(/^Share of right answers .* temperature calibration/);
    expect(plots.calibration.caption).not.toMatch(/fitted for this view/);
  });

  it('says why a plot is missing, and when the calibrator is the view’s own', () => {
    const fitted = reportFixture();
    const own = dashboardPlots(
      { ...fitted, calibration: fitted.calibration && { ...fitted.calibration, origin: 'fitted' } },
      context(),
    );
    expect(own.calibration.caption).toMatch(/fitted for this view: hilo calibrate keeps/);
    const thin = dashboardPlots(reportFixture({ calibration: null, plan: null }), context());
    expect(thin.calibration).toEqual({
      svg: null,
      caption:
        'No calibration yet — run hilo calibrate. Too few gold items carry the machine’s votes to calibrate it.',
    });
    expect(thin.costAccuracy.svg).toBeNull();
    const none = dashboardPlots(null, context());
    expect(none.calibration.caption).toMatch(
      /^No calibration yet — run hilo calibrate\. No machine/,
    );
    expect(none).toMatchObject({ source: null, routing: null, notes: [] });
  });
});
