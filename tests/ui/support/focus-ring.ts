/**
 * Measures what a sighted keyboard user sees: the focused element's ring
 * (outline) colour against the surface it is drawn on, and a state dot's edge
 * against its row, by WCAG's contrast ratio, from getComputedStyle.
 */
import type { Page } from 'playwright-core';

export interface RingReading {
  /** "button.primary 'Activate'", to name the control in a failure. */
  readonly control: string;
  readonly ring: string;
  readonly against: string;
  readonly ratio: number;
  /** Where the element sits in the document (child indexes), to tell two alike controls apart. */
  readonly key?: string;
}

/**
 * Runs in the page, as plain JavaScript text: evaluated through the DevTools
 * protocol (not subject to the page's CSP) and free of the test transform's helpers.
 */
const HELPERS = `
  const parse = (text) => {
    const parts = (text.match(/[\\d.]+/g) || []).map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
  // The opaque colour an element's background shows, blended down its ancestors.
  const surface = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = ([r, g, b]) => {
    const f = (c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const css = (c) => 'rgb(' + c.slice(0, 3).map(Math.round).join(', ') + ')';
  const name = (element) =>
    element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).split(' ').join('.') : '') +
    (element.id ? '#' + element.id : '') +
    " '" + (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30) + "'";
  const path = (element) => {
    const steps = [];
    for (let node = element; node.parentElement; node = node.parentElement) {
      steps.push([...node.parentElement.children].indexOf(node));
    }
    return steps.reverse().join('.');
  };
`;

/** The focused element's ring; ratio 0 when it has none (no outline, or thinner than 2 px). */
export function readFocusRing(page: Page): Promise<RingReading | undefined> {
  return page.evaluate(`(() => {${HELPERS}
    const element = document.activeElement;
    if (!element || element === document.body) return undefined;
    const style = getComputedStyle(element);
    const width = parseFloat(style.outlineWidth);
    // A ring inside the control is drawn on its own fill, outside it on the parent's.
    const inside = parseFloat(style.outlineOffset) < 0;
    const behind = inside ? surface(element) : surface(element.parentElement);
    const ring = over(parse(style.outlineColor), behind);
    const none = style.outlineStyle === 'none' || width < 2;
    return { key: path(element), control: name(element), ring: none ? 'none' : css(ring), against: css(behind), ratio: none ? 0 : ratio(ring, behind) };
  })()`);
}

/** Each state dot's edge (its first box-shadow colour) against its row. */
export function readDotEdges(page: Page): Promise<RingReading[]> {
  return page.evaluate(`(() => {${HELPERS}
    return [...document.querySelectorAll('.role-dot')].map((dot) => {
      const row = dot.closest('[role=option]') ?? dot.parentElement;
      const behind = surface(row);
      const shadow = getComputedStyle(dot).boxShadow;
      const edge = over(parse((/rgba?\\([^)]*\\)/.exec(shadow) || ['rgba(0,0,0,0)'])[0]), behind);
      return { control: name(row), ring: css(edge), against: css(behind), ratio: ratio(edge, behind) };
    });
  })()`);
}
