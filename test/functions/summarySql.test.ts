/**
 * =CV.SUMMARYSQL, the front door of "Copy SQL" (issue 16): the query spilled one line per
 * row, the dialect and unit read the one way, bad options named. That the query computes the
 * engine's summary is test/interop/summarySql.interop.test.ts (run by DuckDB on real data).
 */
import { SUMMARYSQL } from "../../src/functions/functions";
import { OMITTED, thrownExcelError } from "../helpers/cells";

describe("CV.SUMMARYSQL", () => {
  test("spills the query one line per row, the dialect's name read in any case", () => {
    const out = SUMMARYSQL("databricks", "sales.lines", "customer", "ordered_at", "amount", "order_no", "2011-12-10", "2012-03-31", "months") as string[][];
    expect(out.every((row) => row.length === 1 && typeof row[0] === "string" && !row[0].includes("\n"))).toBe(true);
    const sql = out.map((row) => row[0]).join("\n");
    expect(out[0]![0]).toContain("Spark SQL (Databricks)");
    expect(sql).toContain("FROM `sales`.`lines`");
    expect(sql).toContain("SELECT DATE '2011-12-10' AS as_of, DATE '2012-03-31' AS holdout_end");
    // A month is 365.25 / 12 = 30.4375 days.
    expect(sql).toContain("CAST(DATEDIFF(s.as_of, c.first_purchase) AS DOUBLE) / 30.4375 AS T");
    expect(out[out.length - 1]![0]).toBe("ORDER BY c.first_purchase, c.customer_id");
  });

  test("optional columns left out leave their parts out; an as-of Excel date serial is a date literal", () => {
    const sql = (SUMMARYSQL("Postgres", "lines", "id", "day", OMITTED, OMITTED, 45382) as string[][]).map((r) => r[0]).join("\n");
    expect(sql).not.toContain("invoice");
    expect(sql).toContain("CAST(0 AS DOUBLE PRECISION) AS amount");
    expect(sql).toContain("c.purchase_days AS frequency");
    expect(sql).toContain("SELECT DATE '2024-03-31' AS as_of");
    expect(sql).toContain("/ 7 AS t_x");
  });

  test("a bad dialect, unit, date or missing name is #VALUE! naming the argument", () => {
    expect(thrownExcelError(() => SUMMARYSQL("Oracle", "t", "c", "d")).message).toBe('dialect must be one of DuckDB, PostgreSQL, BigQuery, Spark SQL (Databricks), Snowflake, found "Oracle"');
    expect(thrownExcelError(() => SUMMARYSQL("duckdb", "t", "c", "d", OMITTED, OMITTED, OMITTED, OMITTED, "year")).message).toBe('unit must be "day", "week" or "month", found "year"');
    expect(thrownExcelError(() => SUMMARYSQL("duckdb", "t", "c", "d", OMITTED, OMITTED, "31/12/2011")).message).toContain("as_of: expected a date");
    expect(thrownExcelError(() => SUMMARYSQL("duckdb", "t", "", "d")).message).toBe("customer_column: give the column or table name");
    expect(thrownExcelError(() => SUMMARYSQL("duckdb", "t", "c", "d", OMITTED, OMITTED, OMITTED, "2012-01-01")).message).toContain("holdout_end must come after the as-of date");
  });
});
