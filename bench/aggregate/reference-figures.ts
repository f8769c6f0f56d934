/**
 * Figures from ../shared that the benchmarks print beside their own: the datasets README
 * reference table (section B, "Reference numbers") and crowd-kit 1.4.1's figures from
 * peers/README.md (accuracy / median seconds, run on a 2-core AMD EPYC, 2026-11-26).
 */

/** datasets README: plain majority vote (random ties) and textbook Dawid-Skene (MV init,
 * 50 iterations, +0.01 smoothing). */
export const README_REFERENCE: Readonly<Record<string, { mv: number; ds: number }>> = {
  bluebirds: { mv: 0.759, ds: 0.898 },
  'gal-crowd/BarzanMozafari': { mv: 0.696, ds: 0.712 },
  'gal-crowd/AdultContent2': { mv: 0.763, ds: 0.739 },
  'active-crowd-toolkit/CF': { mv: 0.887, ds: 0.83 },
  'active-crowd-toolkit/CF_amt': { mv: 0.853, ds: 0.84 },
  'active-crowd-toolkit/MS': { mv: 0.713, ds: 0.769 },
  'active-crowd-toolkit/SP': { mv: 0.887, ds: 0.915 },
  'active-crowd-toolkit/SP_amt': { mv: 0.946, ds: 0.944 },
  'active-crowd-toolkit/ZenCrowd_all': { mv: 0.834, ds: 0.796 },
  'active-crowd-toolkit/ZenCrowd_in': { mv: 0.74, ds: 0.757 },
  'active-crowd-toolkit/ZenCrowd_us': { mv: 0.861, ds: 0.823 },
};

/** crowd-kit's method names beside ours. */
export const CROWD_KIT_METHODS = [
  ['MajorityVote', 'majority-vote'],
  ['Wawa', 'wawa'],
  ['ZeroBasedSkill', 'zero-based-skill'],
  ['DawidSkene (default)', 'dawid-skene'],
  ['DawidSkene, all 100 iterations', 'dawid-skene (README config)'],
  ['OneCoinDawidSkene', 'one-coin-dawid-skene'],
  ['GLAD', 'glad'],
  ['MACE', 'mace'],
] as const;

/** [accuracy, median seconds]; null where crowd-kit did not finish. */
type Figure = readonly [number, number] | null;

/** peers/README.md, "Accuracy / median seconds", for the sets we also run. */
export const CROWD_KIT: Readonly<Record<string, Readonly<Record<string, Figure>>>> = {
  bluebirds: {
    MajorityVote: [0.7593, 0.011],
    Wawa: [0.7593, 0.025],
    ZeroBasedSkill: [0.7593, 1.36],
    'DawidSkene (default)': [0.8889, 0.038],
    'DawidSkene, all 100 iterations': [0.8981, 1.11],
    OneCoinDawidSkene: [0.5833, 0.31],
    GLAD: [0.7222, 2.27],
    MACE: [0.75, 3.67],
  },
  'gal-crowd/BarzanMozafari': {
    MajorityVote: [0.696, 0.012],
    Wawa: [0.696, 0.026],
    ZeroBasedSkill: [0.696, 1.49],
    'DawidSkene (default)': [0.709, 0.052],
    'DawidSkene, all 100 iterations': [0.712, 1.26],
    OneCoinDawidSkene: [0.668, 1.38],
    GLAD: [0.694, 1.36],
    MACE: [0.693, 4.54],
  },
  'gal-crowd/AdultContent2': {
    MajorityVote: [0.7628, 0.082],
    Wawa: [0.7658, 0.23],
    ZeroBasedSkill: [0.7658, 14.6],
    'DawidSkene (default)': [0.7658, 0.29],
    'DawidSkene, all 100 iterations': [0.7477, 8.9],
    OneCoinDawidSkene: [0.7087, 7.2],
    GLAD: [0.7598, 60.6],
    MACE: [0.7628, 43.5],
  },
  sim_small: {
    MajorityVote: [0.8625, 0.017],
    Wawa: [0.924, 0.039],
    ZeroBasedSkill: [0.933, 2.2],
    'DawidSkene (default)': [0.9555, 0.27],
    'DawidSkene, all 100 iterations': [0.9555, 1.83],
    OneCoinDawidSkene: [0.937, 0.32],
    GLAD: [0.9355, 20.1],
    MACE: [0.93, 11.1],
  },
  sim_mid: {
    MajorityVote: [0.8853, 0.51],
    Wawa: [0.9219, 1.25],
    ZeroBasedSkill: [0.9261, 46.8],
    'DawidSkene (default)': [0.9585, 14.3],
    'DawidSkene, all 100 iterations': null,
    OneCoinDawidSkene: [0.9356, 4.65],
    GLAD: [0.9303, 325],
    MACE: [0.9189, 229],
  },
  sim_large: {
    MajorityVote: [0.8689, 2.3],
    Wawa: [0.9232, 5.3],
    ZeroBasedSkill: [0.9288, 315.6],
    'DawidSkene (default)': [0.9592, 37.2],
    'DawidSkene, all 100 iterations': null,
    OneCoinDawidSkene: [0.9342, 15.8],
    GLAD: null,
    MACE: null,
  },
};

/** Krippendorff's α (nominal) computed by crowd-kit, for checking ours. */
export const CROWD_KIT_ALPHA: Readonly<Record<string, number>> = {
  bluebirds: 0.1255,
  'gal-crowd/BarzanMozafari': 0.4059,
  'gal-crowd/AdultContent2': 0.3136,
  sim_small: 0.246021508744,
  sim_large: 0.2874,
};
