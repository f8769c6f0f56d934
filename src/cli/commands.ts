import type { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import type { Interrupts } from './interrupt.js';

type Register = (program: Command, io: CliIo, interrupts: Interrupts) => void;

/**
 * Every `hilo` command's module, in the order of the pipeline (the order of `hilo --help`): the
 * names it registers and how to load its registration. A module is imported only when one of
 * its commands runs, or when every command must be known (help, an unknown name).
 */
const MODULES: readonly { readonly names: readonly string[]; load(): Promise<Register> }[] = [
  { names: ['init'], load: async () => (await import('./cmd-init.js')).registerInit },
  { names: ['import'], load: async () => (await import('./cmd-import.js')).registerImport },
  {
    names: ['import-predictions'],
    load: async () => (await import('./cmd-import-predictions.js')).registerImportPredictions,
  },
  { names: ['dedup'], load: async () => (await import('./cmd-dedup.js')).registerDedup },
  { names: ['learn'], load: async () => (await import('./cmd-learn.js')).registerLearn },
  { names: ['label'], load: async () => (await import('./cmd-label.js')).registerLabel },
  { names: ['eval'], load: async () => (await import('./cmd-eval.js')).registerEval },
  {
    names: ['calibrate'],
    load: async () => (await import('./cmd-calibrate.js')).registerCalibrate,
  },
  { names: ['ensemble'], load: async () => (await import('./cmd-ensemble.js')).registerEnsemble },
  { names: ['cascade'], load: async () => (await import('./cmd-cascade.js')).registerCascade },
  { names: ['plan'], load: async () => (await import('./cmd-plan.js')).registerPlan },
  { names: ['route'], load: async () => (await import('./cmd-route.js')).registerRoute },
  { names: ['audit'], load: async () => (await import('./cmd-audit.js')).registerAudit },
  { names: ['checks'], load: async () => (await import('./cmd-checks.js')).registerChecks },
  { names: ['serve'], load: async () => (await import('./cmd-serve.js')).registerServe },
  {
    names: ['annotators'],
    load: async () => (await import('./cmd-annotators.js')).registerAnnotators,
  },
  {
    names: ['import-votes', 'aggregate', 'agreement'],
    load: async () => (await import('./cmd-votes.js')).registerVotes,
  },
  { names: ['rank'], load: async () => (await import('./cmd-rank.js')).registerRank },
  { names: ['suspects'], load: async () => (await import('./cmd-suspects.js')).registerSuspects },
  { names: ['export'], load: async () => (await import('./cmd-export.js')).registerExport },
  { names: ['report'], load: async () => (await import('./cmd-report.js')).registerReport },
  { names: ['demo'], load: async () => (await import('./cmd-demo.js')).registerDemo },
  {
    names: ['tournament'],
    load: async () => (await import('./cmd-tournament.js')).registerTournament,
  },
  { names: ['simulate'], load: async () => (await import('./cmd-simulate.js')).registerSimulate },
];

/**
 * Registers the commands `argv` needs: only the module of the command it names, so each command
 * loads only what it uses (`hilo --version` loads none); every command when it names none or an
 * unknown one (help and "did you mean" list them all).
 * @example await registerCommands(program, io, interrupts, ['aggregate', '--method', 'ds'])
 */
export async function registerCommands(
  program: Command,
  context: { readonly io: CliIo; readonly interrupts: Interrupts },
  argv: readonly string[],
): Promise<void> {
  const first = argv[0];
  const onlyVersion = argv.length === 1 && (first === '--version' || first === '-V');
  if (onlyVersion) return;
  const named = MODULES.find((m) => first !== undefined && m.names.includes(first));
  const modules = named ? [named] : MODULES;
  const registers = await Promise.all(modules.map((m) => m.load()));
  for (const register of registers) register(program, context.io, context.interrupts);
}
