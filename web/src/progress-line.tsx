import { useEffect, useState } from 'react';
import type { ProgressResponse } from '../../src/contract/people-api.js';
import { api } from './api-client.js';

/**
 * The person's answers and the project's, each against its target, read again whenever
 * `answered` changes. A failed read leaves the last figures (or nothing) in place: the page works
 * without them.
 * @example <ProgressLine answered={done} />
 */
export function ProgressLine({ answered }: { answered: number }) {
  const [progress, setProgress] = useState<ProgressResponse | null>(null);
  useEffect(() => {
    let live = true;
    api.progress().then(
      (p) => live && setProgress(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [answered]);
  if (progress === null) return null;
  const { mine, project } = progress;
  const share = project.target > 0 ? Math.round((100 * project.done) / project.target) : 100;
  return (
    <p className="progress muted" data-testid="progress">
      <span title="your answers / your answers plus the items still open to you">
        You: {mine.done} / {mine.target}
      </span>
      {' · '}
      <span title="answers given / answers the project asks for (each item’s overlap)">
        Project: {project.done} / {project.target} answers ({share}%)
      </span>
      <meter min={0} max={Math.max(1, project.target)} value={project.done} />
    </p>
  );
}
