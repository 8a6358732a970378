/**
 * Renders Vega-Lite specs headlessly: SVG through Vega's own renderer, PNG
 * from that SVG through resvg with the DejaVu fonts (resvg drops text
 * silently when it has no font; Debian's fonts-dejavu-core provides them).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu'];

/** The DejaVu font files found on this machine (empty when none). */
export function dejaVuFonts(): string[] {
  for (const dir of FONT_DIRS) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir)
      .filter((f) => /^DejaVuSans(-Bold)?\.ttf$/.test(f))
      .map((f) => join(dir, f));
    if (files.length > 0) return files;
  }
  return [];
}

/** Problems Vega-Lite or Vega reported while rendering a spec. */
export class ChartRenderError extends Error {}

/**
 * Receives warnings instead of throwing them. Without one, a warning (a
 * mistake in our specs) is an error: that is how the tests use it.
 */
export type WarningSink = (message: string) => void;

function settle(warnings: readonly string[], name: string, onWarning?: WarningSink): void {
  if (warnings.length === 0) return;
  const message = `chart ${name}: ${warnings.join('; ')}`;
  if (onWarning === undefined) throw new ChartRenderError(message);
  onWarning(message);
}

/** A Vega logger that keeps warnings and errors in `warnings` instead of printing them. */
function collectingLogger(warnings: string[]): ReturnType<typeof vega.logger> {
  const logger = vega.logger(vega.Warn);
  logger.warn = (...args: readonly unknown[]) => {
    warnings.push(args.map(String).join(' '));
    return logger;
  };
  logger.error = logger.warn;
  return logger;
}

/** The Vega spec for a Vega-Lite spec. */
export function toVega(spec: TopLevelSpec, name: string, onWarning?: WarningSink): vega.Spec {
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const compiled = compile(spec, { logger }).spec;
  settle(warnings, name, onWarning);
  return compiled;
}

/** SVG text of a spec; a warning while Vega evaluates it (e.g. a layer with no data) is an error too. */
export async function renderSvg(spec: TopLevelSpec, name: string, onWarning?: WarningSink): Promise<string> {
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const view = new vega.View(vega.parse(toVega(spec, name, onWarning)), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    settle(warnings, name, onWarning);
    return svg;
  } finally {
    view.finalize();
  }
}

/** PNG bytes of an SVG, at `scale` times its size, on white. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const fonts = dejaVuFonts();
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: {
      fontFiles: fonts,
      loadSystemFonts: fonts.length === 0,
      defaultFontFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
