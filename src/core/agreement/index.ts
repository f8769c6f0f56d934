export { classCounts, itemAgreement, percentAgreement } from './percent-agreement.js';
export { cohenKappa, type CohenKappaOptions, type KappaWeights } from './cohen-kappa.js';
export { fleissKappa, fleissKappaFromCounts } from './fleiss-kappa.js';
export {
  krippendorffAlpha,
  type KrippendorffOptions,
  type MeasurementLevel,
} from './krippendorff-alpha.js';
export { annotatorAgreement, type AnnotatorAgreement } from './annotator-agreement.js';
export {
  bootstrapInterval,
  type BootstrapInterval,
  type BootstrapOptions,
} from './bootstrap-interval.js';
