export { auditAccuracy, type AuditReport } from './audit-accuracy.js';
export { drawAudit } from './audit-draw.js';
export { readAuditedItems } from './audit-sample.js';
