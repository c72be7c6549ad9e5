/**
 * The command line that opens a console page in a browser Switchyard starts
 * itself. Pure, so `--print` shows exactly what would run and tests check
 * each kind without a browser.
 */

export interface ChromiumTarget {
  readonly kind: 'chromium';
  readonly executable: string;
  /** A profile of its own under Switchyard's data folder (one per role)… */
  readonly userDataDir?: string;
  /** …or an existing profile of the user's browser, by folder name. */
  readonly profileDirectory?: string;
}

export interface FirefoxContainer {
  /** Shown as the container's name: the role's label. */
  readonly name: string;
  /** One of Firefox's container colours, see firefoxContainerColor. */
  readonly color: string;
  readonly icon: string;
}

export interface FirefoxContainerTarget {
  readonly kind: 'firefox-container';
  readonly executable: string;
  readonly container: FirefoxContainer;
}

export type BrowserTarget = { readonly kind: 'default' } | ChromiumTarget | FirefoxContainerTarget;

export interface BrowserCommand {
  readonly command: string;
  readonly args: readonly string[];
}

/**
 * Firefox's container colours by the hue each stands for. Matched by hue, not
 * by RGB distance: role colours are pale (the console's palette), and a pale
 * red is nearer pink than red in RGB.
 */
const FIREFOX_HUES: ReadonlyArray<readonly [string, number]> = [
  ['red', 0],
  ['orange', 30],
  ['yellow', 55],
  ['green', 110],
  ['turquoise', 170],
  ['blue', 210],
  ['purple', 275],
  ['pink', 320],
];

/** The container colour nearest a role's RRGGBB; grey or none is Firefox's neutral "toolbar". */
export function firefoxContainerColor(hex: string | undefined): string {
  if (hex === undefined || !/^[0-9a-f]{6}$/.test(hex)) return 'toolbar';
  const [r, g, b] = [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const max = Math.max(r, g, b);
  const spread = max - Math.min(r, g, b);
  if (spread < 0.08) return 'toolbar';
  const sector =
    max === r ? (g - b) / spread : max === g ? 2 + (b - r) / spread : 4 + (r - g) / spread;
  const hue = (sector * 60 + 360) % 360;
  const apart = (a: number) => Math.min(Math.abs(hue - a), 360 - Math.abs(hue - a));
  return FIREFOX_HUES.reduce((best, next) => (apart(next[1]) < apart(best[1]) ? next : best))[0];
}

/**
 * The link the "Open external links in a container" extension takes: Firefox
 * hands `ext+container:` to it, and it opens `url` in the named container
 * (creating it with this colour and icon the first time).
 */
export function firefoxContainerUrl(container: FirefoxContainer, url: string): string {
  const part = (key: string, value: string) => `${key}=${encodeURIComponent(value)}`;
  return `ext+container:${[
    part('name', container.name),
    part('color', container.color),
    part('icon', container.icon),
    part('url', url),
  ].join('&')}`;
}

/** The program and arguments for a Chromium-family or Firefox-container target. */
export function browserCommand(
  target: ChromiumTarget | FirefoxContainerTarget,
  url: string,
): BrowserCommand {
  if (target.kind === 'firefox-container') {
    return { command: target.executable, args: [firefoxContainerUrl(target.container, url)] };
  }
  const profile =
    target.profileDirectory !== undefined
      ? [`--profile-directory=${target.profileDirectory}`]
      : target.userDataDir !== undefined
        ? // A fresh profile would otherwise greet the user with first-run pages.
          [`--user-data-dir=${target.userDataDir}`, '--no-first-run']
        : [];
  return { command: target.executable, args: [...profile, url] };
}

/** One line a shell would read back as the same command, for --print. */
export function printableCommand({ command, args }: BrowserCommand): string {
  const quote = (word: string) =>
    /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
  return [command, ...args].map(quote).join(' ');
}
