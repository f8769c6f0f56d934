import { useEffect, useRef } from 'react';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Elements that could run code, embed a page or load something: never part of a plot. */
const DROPPED = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'image', 'use']);

/**
 * Parses SVG text from the server into an inert SVG element of `doc`, or null when it is not one
 * SVG. The server escapes every text it draws; this is the second lock: a parsed document runs
 * nothing, and anything that could run or load (scripts, event handlers, outside links) is
 * dropped before the element joins the page.
 * @example container.replaceChildren(inertSvg(plots.calibration.svg, document) ?? '')
 * Complexity: O(size of the SVG).
 */
export function inertSvg(text: string, doc: Document): SVGSVGElement | null {
  const parsed = new DOMParser().parseFromString(text, 'text/html');
  const root = parsed.body.firstElementChild;
  if (
    root === null ||
    parsed.body.childElementCount !== 1 ||
    root.namespaceURI !== SVG_NS ||
    root.localName !== 'svg'
  )
    return null;
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    if (DROPPED.has(element.localName.toLowerCase()) || element.namespaceURI !== SVG_NS) {
      element.remove();
      continue;
    }
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const link = name === 'href' || name.endsWith(':href');
      if (name.startsWith('on') || (link && !attribute.value.startsWith('#')))
        element.removeAttribute(attribute.name);
    }
  }
  return doc.importNode(root, true) as SVGSVGElement;
}

/** A plot drawn by the server, or the caption alone when there is nothing to draw yet. */
export function SvgFigure(props: {
  readonly svg: string | null;
  readonly caption: string;
  readonly testId: string;
}) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (element === null) return;
    const svg = props.svg === null ? null : inertSvg(props.svg, document);
    element.replaceChildren(...(svg === null ? [] : [svg]));
  }, [props.svg]);
  return (
    <figure className="plot" data-testid={props.testId} data-empty={props.svg === null}>
      <div ref={holder} />
      <figcaption className={props.svg === null ? 'empty' : 'muted'}>{props.caption}</figcaption>
    </figure>
  );
}
