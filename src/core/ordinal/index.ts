export { ratingTableItems, ratingVoteMatrix, type RatingTable } from './rating-table.js';
export { ratingErrors, type RatingErrors } from './rating-errors.js';
export { ratingKappa, type RatingKappaOptions } from './rating-kappa.js';
export { ratingAlpha, type RatingAlphaOptions } from './rating-alpha.js';
export { checkDistribution, scaleMean, scaleMedian } from './scale-distribution.js';
export { medianRatings, type MedianRatingsOptions, type MedianTies } from './median-ratings.js';
export { bestWithinK, withinK, type WithinKChoice } from './within-k.js';
export { raterPairs, type RaterPair } from './rater-pairs.js';
