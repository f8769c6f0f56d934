/**
 * An ISO-8601 time as people read it, to the minute, in UTC.
 * @example readableTime('2026-12-10T12:05:09.123Z') // '2026-12-10 12:05 UTC'
 */
export function readableTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * What the CLI prints for a new invitation: who, the link, that it works once and until when,
 * and how to get another.
 * @example io.out(invitationText({ id: 'a1', name: 'Ada', role: 'annotator' }, link, expiresAt, '.'))
 */
export function invitationText(
  who: { readonly id: string; readonly name: string; readonly role: string },
  link: string,
  expiresAt: string,
  projectDir: string,
): string {
  return (
    `${who.name} (${who.role}, id ${who.id}): ${link}\n` +
    `single use, until ${readableTime(expiresAt)}; a new link: hilo annotators invite ${who.id} --project ${projectDir}\n`
  );
}
