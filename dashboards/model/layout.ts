/**
 * Places panels on Grafana's 24-column grid: left to right, a new line when the next panel does not
 * fit, each line as tall as its tallest panel, a row header (1 unit) before each titled row. Nothing
 * overlaps, and the same definition always lands in the same places.
 */
export const GRID_COLUMNS = 24;

export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Sized {
  readonly width: number;
  readonly height: number;
}

export interface LaidOutRow<T> {
  /** Position of the row header, when the row has one. */
  readonly header?: GridPos;
  readonly items: readonly { readonly item: T; readonly gridPos: GridPos }[];
}

export function layOut<T>(rows: readonly { readonly titled: boolean; readonly items: readonly (T & Sized)[] }[]): LaidOutRow<T>[] {
  let y = 0;
  return rows.map((row) => {
    let header: GridPos | undefined;
    if (row.titled) {
      header = { x: 0, y, w: GRID_COLUMNS, h: 1 };
      y += 1;
    }
    let x = 0;
    let lineHeight = 0;
    const items = row.items.map((item) => {
      const w = item.width;
      if (!Number.isInteger(w) || w < 1 || w > GRID_COLUMNS) throw new Error(`panel width ${w} is not a whole number of columns from 1 to ${GRID_COLUMNS}`);
      if (!Number.isInteger(item.height) || item.height < 1) throw new Error(`panel height ${item.height} is not a whole number of at least 1`);
      if (x + w > GRID_COLUMNS) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      const gridPos = { x, y, w, h: item.height };
      x += w;
      lineHeight = Math.max(lineHeight, item.height);
      return { item: item as T, gridPos };
    });
    y += lineHeight;
    return { header, items };
  });
}
