import type { Catalogue } from '../support/pseudo-locales';

// Layout checks run inside an extension page (Playwright or Puppeteer `evaluate`): what is wider than
// the page, what is clipped, what a touch user could not hit. The in-page functions are self-contained
// (the drivers send their source to the page), and return plain data the test names in its failure.

export interface LayoutProblem {
  /** `document`, `clipped`, `ellipsis`, `spills`, `outside` or `small-target`. */
  kind: string;
  /** A selector-like path to the element. */
  element: string;
  /** The element's text, for naming the message it shows. */
  text: string;
  detail: string;
}

/** Opens every disclosure, nested ones too, so that every word the page can show is laid out. */
export function openEveryDisclosure(): number {
  const all = [...document.querySelectorAll('details')];
  for (const d of all) d.open = true;
  return all.length;
}

/**
 * Horizontal overflow of the document; elements that clip (overflow other than visible) with content
 * wider than their box; text cut by an ellipsis; boxes that reach outside the page's width.
 */
export function layoutProblems(): LayoutProblem[] {
  const path = (el: Element): string => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const cls = [...e.classList].slice(0, 2).map((c) => `.${c}`).join('');
      parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${cls}`);
    }
    return parts.join(' > ');
  };
  const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 160);
  const found: LayoutProblem[] = [];
  const doc = document.documentElement;
  const width = doc.clientWidth;
  if (doc.scrollWidth > width) found.push({ kind: 'document', element: 'html', text: '', detail: `scrollWidth ${doc.scrollWidth} > clientWidth ${width}` });
  const spilling: Element[] = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.sr-only, svg')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const html = el as HTMLElement;
    const wider = html.clientWidth > 0 && html.scrollWidth > html.clientWidth + 1;
    if (wider && style.overflowX !== 'visible') {
      found.push({ kind: 'clipped', element: path(el), text: text(el), detail: `overflow-x ${style.overflowX}: content ${html.scrollWidth} px in ${html.clientWidth} px` });
    } else if (style.textOverflow === 'ellipsis' && html.scrollWidth > html.clientWidth) {
      found.push({ kind: 'ellipsis', element: path(el), text: text(el), detail: `text cut at ${html.clientWidth} px of ${html.scrollWidth} px` });
    } else if (wider) spilling.push(el);
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) {
      found.push({ kind: 'outside', element: path(el), text: text(el), detail: `spans ${Math.round(box.left)}..${Math.round(box.right)} px of a ${width} px page` });
    }
  }
  // Content wider than its box (a word that does not wrap) spills into every ancestor: name the innermost.
  for (const el of spilling) {
    if (spilling.some((other) => other !== el && el.contains(other))) continue;
    const html = el as HTMLElement;
    found.push({ kind: 'spills', element: path(el), text: text(el), detail: `content ${html.scrollWidth} px in a ${html.clientWidth} px box` });
  }
  return found;
}

/** Controls a finger must hit (buttons, links, summaries, inputs) shorter than `min` CSS pixels. */
export function smallTargets(min: number): LayoutProblem[] {
  const found: LayoutProblem[] = [];
  for (const el of document.querySelectorAll("button, a[href], summary, input, select, label:has(input[type='checkbox'], input[type='radio'])")) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.closest('.sr-only')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    // A radio or checkbox inside a label is hit through its label: the label is the target.
    if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox') && el.closest('label')) continue;
    // A link inside a sentence is exempt (WCAG 2.5.8): only links that stand alone are targets.
    if (el instanceof HTMLAnchorElement && (el.parentElement?.textContent ?? '').trim() !== (el.textContent ?? '').trim()) continue;
    if (box.height < min - 0.5) {
      const cls = [...el.classList].slice(0, 2).map((c) => `.${c}`).join('');
      found.push({ kind: 'small-target', element: `${el.tagName.toLowerCase()}${cls}`, text: (el.textContent ?? '').trim().slice(0, 60), detail: `${Math.round(box.height)} px tall` });
    }
  }
  return found;
}

/** The message whose words the element shows: the key with the longest literal run found in its text. */
export function messageShown(text: string, catalogue: Catalogue): string {
  let best = '';
  let bestLength = 0;
  for (const [key, entry] of Object.entries(catalogue)) {
    for (const run of entry.message.split(/\$[A-Za-z0-9_@]+\$/)) {
      const literal = run.trim();
      if (literal.length > bestLength && literal.length >= 4 && text.includes(literal)) {
        best = key;
        bestLength = literal.length;
      }
    }
  }
  return best || '(no message: a page-controlled value)';
}

export const describeProblem = (p: LayoutProblem, catalogue: Catalogue) =>
  `${p.kind} ${p.element} [${messageShown(p.text, catalogue)}] ${p.detail}: "${p.text}"`;
