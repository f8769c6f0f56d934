export { gatherReportData, type ReportData } from './report-data.js';
