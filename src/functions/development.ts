/**
 * The development CV.* custom functions (methods §10): recommendations from similar
 * customers, campaign response by group, and the development of existing against new
 * customers between two periods. Parsing and shaping only; the maths is in src/engine.
 */
import { type CellGrid, CvError, type DevelopmentFigures, campaignResponse, developmentPerformance, gridSize, readBaskets, readNumberColumn, recommendProducts } from "../engine";
import { type ExcelCell, cellColumn, excelCall, optionalFlag, optionalGrid, optionalNumber, requireSameRows, withHeader } from "./excelArgs";

/**
 * The one value of a single-cell argument (a cell reference, or a typed value, which
 * Excel passes as a 1×1 range).
 *
 * @throws CvError BAD_VALUE for a range of several cells.
 */
function singleCell(arg: unknown, argument: string): unknown {
  if (!Array.isArray(arg)) return arg;
  const { rows, columns } = gridSize(arg as CellGrid, argument);
  if (rows !== 1 || columns !== 1) {
    throw new CvError("BAD_VALUE", `${argument}: give one cell (one value), found ${rows} rows × ${columns} columns`, { argument });
  }
  return (arg as CellGrid)[0]?.[0];
}

/**
 * Products to recommend to a customer: what its most similar customers (Jaccard similarity of product sets) bought and it has not.
 * @customfunction RECOMMEND
 * @param customer_ids Customer id per line: one row per customer × product (e.g. invoice lines; repeats are fine). 12346 and "12346" are one customer.
 * @param products Product per line, same rows as customer_ids.
 * @param customer The customer to recommend to: an id as written in customer_ids.
 * @param [neighbours] How many of the most similar customers to draw from (default 10): those with the highest similarity above 0, ties to the customer listed first.
 * @param [top] How many products to return, 1 to 100 (default 5).
 * @returns A column of products the customer has not bought, best first: by the sum of the similarities of the neighbours who bought each, then by how many of them did, then by first appearance in products. #N/A with the reason when there is nothing to recommend.
 */
export function RECOMMEND(customer_ids: unknown[][], products: unknown[][], customer: unknown[][], neighbours?: number, top?: number): unknown[][] {
  return excelCall(() => {
    const ids = cellColumn(customer_ids, "customer_ids");
    const names = cellColumn(products, "products");
    requireSameRows({ name: "customer_ids", rows: ids.length }, { name: "products", rows: names.length });
    const who = singleCell(customer, "customer");
    const k = optionalNumber(neighbours, "neighbours");
    const count = optionalNumber(top, "top");
    const baskets = readBaskets(ids, names, { names: { baskets: "customer_ids", products: "products" } });
    const result = recommendProducts(baskets, who, { ...(k !== undefined ? { neighbours: k } : {}), ...(count !== undefined ? { top: count } : {}) });
    return Array.from(result.products, (p): ExcelCell[] => [baskets.productNames[p] as string]);
  });
}

/**
 * Campaign response by group: customers contacted, responded, the response rate and its lift against the overall rate.
 * @customfunction RESPONSE
 * @param groups Group per contacted customer (test cell, segment, channel …): text or a number, matched ignoring case. Rows blank in both columns are skipped.
 * @param responded Whether each contacted customer responded: TRUE/FALSE, 1/0, Y/N or yes/no; same rows as groups.
 * @param [headers] TRUE (default) to put the header row on top.
 * @returns A table with a header row: Group, Contacted, Responded, Rate, Lift; one row per group in order of first appearance, then Total. Lift = rate / overall rate (#DIV/0! when nobody responded).
 */
export function RESPONSE(groups: unknown[][], responded: unknown[][], headers?: boolean): unknown[][] {
  return excelCall(() => {
    const labels = cellColumn(groups, "groups");
    const answers = cellColumn(responded, "responded");
    requireSameRows({ name: "groups", rows: labels.length }, { name: "responded", rows: answers.length });
    const r = campaignResponse(labels, answers);
    const lift = (value: number): ExcelCell =>
      Number.isNaN(value) ? new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero, "Nobody responded: the overall response rate is 0, so lift is undefined") : value;
    const rows = r.groups.map((group, g): ExcelCell[] => [group, r.contacted[g] as number, r.responded[g] as number, r.rate[g] as number, lift(r.lift[g] as number)]);
    return withHeader(["Group", "Contacted", "Responded", "Rate", "Lift"], [...rows, ["Total", r.total.contacted, r.total.responded, r.total.rate, lift(r.total.lift)]], optionalFlag(headers, true));
  });
}

/**
 * Development performance between two periods: existing customers' sales (and profit) in both, change, growth and share of the current period's sales, against new customers.
 * @customfunction DEVELOPMENT
 * @param customer_ids Customer id per purchase row (or per customer and period). Rows blank in every column are skipped.
 * @param periods Period label per row, e.g. 2010 or "2011-Q1" (2010 and "2010" match). Rows of other periods are left out.
 * @param amounts Sales amount per row, same rows; returns (negative amounts) count.
 * @param previous The earlier period, as written in periods. Its buyers are the existing customers.
 * @param current The later period. Its buyers who did not buy in previous are the new customers.
 * @param [profits] Profit per row, same rows: adds profit in both periods, profit change and profit growth.
 * @param [headers] TRUE (default) to put the header row on top.
 * @returns A table with a header row and rows Existing customers, New customers, Total: customers, sales in both periods, change, growth (change / |previous|, blank when previous is 0), share of the current period's sales.
 */
export function DEVELOPMENT(customer_ids: unknown[][], periods: unknown[][], amounts: unknown[][], previous: unknown[][], current: unknown[][], profits?: unknown[][], headers?: boolean): unknown[][] {
  return excelCall(() => {
    const ids = cellColumn(customer_ids, "customer_ids");
    const first = { name: "customer_ids", rows: ids.length };
    const labels = cellColumn(periods, "periods");
    requireSameRows(first, { name: "periods", rows: labels.length });
    const sales = readNumberColumn(amounts, "amounts");
    requireSameRows(first, { name: "amounts", rows: sales.length });
    const profitGrid = optionalGrid(profits as CellGrid | undefined);
    const profit = profitGrid === undefined ? undefined : readNumberColumn(profitGrid, "profits");
    if (profit !== undefined) requireSameRows(first, { name: "profits", rows: profit.length });
    const d = developmentPerformance({
      customerIds: ids,
      periods: labels,
      amounts: sales,
      ...(profit !== undefined ? { profits: profit } : {}),
      previous: singleCell(previous, "previous"),
      current: singleCell(current, "current"),
    });
    const ratio = (value: number): ExcelCell => (Number.isNaN(value) ? "" : value);
    const header: ExcelCell[] = ["", "Customers", `Sales ${d.previous}`, `Sales ${d.current}`, "Change", "Growth", `Share of ${d.current} sales`];
    if (d.hasProfits) header.push(`Profit ${d.previous}`, `Profit ${d.current}`, "Profit change", "Profit growth");
    const line = (label: string, f: DevelopmentFigures): ExcelCell[] => {
      const cells: ExcelCell[] = [label, f.customers, f.salesPrevious, f.salesCurrent, f.change, ratio(f.growth), ratio(f.share)];
      if (d.hasProfits) cells.push(f.profitPrevious, f.profitCurrent, f.profitChange, ratio(f.profitGrowth));
      return cells;
    };
    return withHeader(header, [line("Existing customers", d.existing), line("New customers", d.newCustomers), line("Total", d.total)], optionalFlag(headers, true));
  });
}
