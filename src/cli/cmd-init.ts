import { PROJECT_DEFAULTS } from '../core/project.js';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { HiloError } from '../core/errors.js';
import { initProject, type InitOptions } from '../compose/index.js';
import type { TaskKind } from '../core/types.js';
import type { CliIo } from './cli-io.js';
import { kindOptions, kindSettings, type KindFlags } from './init-kind-flags.js';

interface InitFlags extends KindFlags {
  labels?: string;
  labelsFile?: string;
  field: string[];
  guidelines?: string;
  name?: string;
  model?: string;
  force?: boolean;
}

export function registerInit(program: Command, io: CliIo): void {
  const command = program
    .command('init')
    .argument('<dir>', 'project directory (created if missing)')
    .description('Create DIR/hilo.yaml: labels, fields, guidelines, labeller settings, prices.')
    .option('--labels <list>', 'comma-separated label names, e.g. spam,ham')
    .option('--labels-file <file>', 'one label per line: "name: description"')
    .option(
      '--field <name>',
      'item field shown to the model and annotators (repeatable)',
      collect,
      [],
    )
    .option('--guidelines <file>', 'markdown file with the annotation guidelines')
    .option('--name <name>', 'project name (default: the directory name)')
    .option(
      '--model <name>',
      `LLM for the first pass (default ${PROJECT_DEFAULTS.labeller.llm.model})`,
    )
    .option('--force', 'overwrite an existing hilo.yaml')
    .addHelpText(
      'after',
      '\nExamples:\n  hilo init spam --labels spam,ham --field text\n  hilo init emotions --kind multilabel --labels-file emotions.txt --field text\n  hilo init judge --kind pairwise --system-fields system_a,system_b\n  hilo init quality --kind rating --scale 1-5 --field text',
    );
  kindOptions(command).action(async (dir: string, flags: InitFlags) => {
    const { scale, ...kind } = kindSettings(flags);
    const labels = await readLabels(flags, io.cwd, { kind: kind.kind ?? 'classify', scale });
    const guidelines = flags.guidelines ? await readText(resolve(io.cwd, flags.guidelines)) : '';
    const file = await initProject(resolve(io.cwd, dir), {
      name: flags.name ?? basename(resolve(io.cwd, dir)),
      labels,
      ...kind,
      ...(flags.field.length > 0 ? { fields: flags.field } : {}),
      guidelines,
      ...(flags.model ? { model: flags.model } : {}),
      ...(flags.force ? { force: true } : {}),
    });
    io.out(`wrote ${file}\n`);
  });
}

async function readLabels(
  flags: InitFlags,
  cwd: string,
  kind: { kind: TaskKind; scale: InitOptions['labels'] | undefined },
): Promise<InitOptions['labels']> {
  if (kind.scale) {
    if (flags.labels || flags.labelsFile)
      throw new HiloError(
        'INVALID_INPUT',
        '--scale gives the levels; leave out --labels and --labels-file',
      );
    return kind.scale;
  }
  if (flags.labelsFile) {
    const text = await readText(resolve(cwd, flags.labelsFile));
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && !line.startsWith('#'))
      .map((line) => {
        const colon = line.indexOf(':');
        return colon < 0
          ? { name: line, description: '' }
          : { name: line.slice(0, colon).trim(), description: line.slice(colon + 1).trim() };
      });
  }
  if (!flags.labels) {
    if (kind.kind === 'pairwise') return [];
    throw new HiloError(
      'INVALID_INPUT',
      kind.kind === 'rating'
        ? 'init --kind rating needs the levels: --scale 1-5, --labels 1,2,3 or --labels-file FILE (lowest first)'
        : 'init needs --labels a,b,... or --labels-file FILE',
    );
  }
  return flags.labels
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0)
    .map((name) => ({ name, description: '' }));
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new HiloError('NOT_FOUND', `cannot read ${file}`);
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
