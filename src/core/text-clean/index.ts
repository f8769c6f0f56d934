export {
  cleanFields,
  cleanPlan,
  parseCleanRule,
  ORIGINAL_SUFFIX,
  type CleanRule,
  type CleanedFields,
} from './clean-rules.js';
export { CLEAN_STEPS, cleanText, type CleanStep } from './clean-text.js';
export { decodeEntities, decodeEntitiesOnce, NAMED_ENTITIES } from './html-entities.js';
export { stripHtml } from './strip-html.js';
