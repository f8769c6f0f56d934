import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { registerAnnotators } from './cmd-annotators.js';
import { registerAudit } from './cmd-audit.js';
import { registerCalibrate } from './cmd-calibrate.js';
import { registerChecks } from './cmd-checks.js';
import { registerDemo } from './cmd-demo.js';
import { registerEnsemble } from './cmd-ensemble.js';
import { registerEval } from './cmd-eval.js';
import { registerExport } from './cmd-export.js';
import { registerImport } from './cmd-import.js';
import { registerImportPredictions } from './cmd-import-predictions.js';
import { registerInit } from './cmd-init.js';
import { registerLabel } from './cmd-label.js';
import { registerLearn } from './cmd-learn.js';
import { registerSimulate } from './cmd-simulate.js';
import { registerPlan } from './cmd-plan.js';
import { registerReport } from './cmd-report.js';
import { registerRoute } from './cmd-route.js';
import { registerServe } from './cmd-serve.js';
import { registerSuspects } from './cmd-suspects.js';
import { registerTournament } from './cmd-tournament.js';
import { registerVotes } from './cmd-votes.js';
import type { Interrupts } from './interrupt.js';

/** Every `hilo` command, in the order of the pipeline. */
export function registerCommands(program: Command, io: CliIo, interrupts: Interrupts): void {
  registerInit(program, io);
  registerImport(program, io);
  registerImportPredictions(program, io);
  registerLearn(program, io, interrupts);
  registerLabel(program, io, interrupts);
  registerEval(program, io);
  registerCalibrate(program, io);
  registerEnsemble(program, io);
  registerPlan(program, io);
  registerRoute(program, io);
  registerAudit(program, io);
  registerChecks(program, io);
  registerServe(program, io, interrupts);
  registerAnnotators(program, io);
  registerVotes(program, io);
  registerSuspects(program, io);
  registerExport(program, io);
  registerReport(program, io);
  registerDemo(program, io);
  registerTournament(program, io);
  registerSimulate(program, io);
}
