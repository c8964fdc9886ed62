import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { logger, parse, View, Warn } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * A vega logger that collects warnings instead of printing them, so the report can
 * say which chart they came from (and tests can insist there are none).
 */
function collectingLogger(into: string[]) {
  return logger(Warn, undefined, (_method, level, args) => {
    into.push(`${level} ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`.trim());
  });
}

/**
 * vega-lite spec → SVG, server-side, no browser: compile to a vega spec, build a
 * headless `View` (renderer 'none') and serialize its scenegraph with `toSVG()`.
 * Text widths are estimated by vega without a canvas, which is close enough for labels.
 * Warnings from either compiler are returned, never printed.
 */
export async function specToSvg(spec: TopLevelSpec): Promise<{ svg: string; warnings: string[] }> {
  const warnings: string[] = [];
  const vg = compile(spec, { logger: collectingLogger(warnings) }).spec;
  const view = new View(parse(vg), { renderer: 'none', logger: collectingLogger(warnings) });
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}

/** Where fonts usually live; used only to warn when a PNG would have no text. */
const FONT_DIRS = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  '/System/Library/Fonts',
  '/Library/Fonts',
  'C:\\Windows\\Fonts',
];

/** Whether the machine has a font directory resvg can load system fonts from. */
export function systemFontsLikely(): boolean {
  return FONT_DIRS.some((d) => existsSync(d));
}

/**
 * SVG → PNG with resvg (Rust, its binary ships in the npm package). System fonts are
 * loaded and the generic families point at DejaVu Sans, which most Linux machines
 * have; on a machine with no fonts at all the PNG is still written, without text
 * (the caller warns, see `systemFontsLikely`). `scale` 2 gives sharp images in pull requests.
 */
export function svgToPng(svg: string, scale = 2): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: true,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return r.render().asPng();
}
