/**
 * Settings declared once. An analysis lists its settings as fields, each with its default,
 * what it allows and the words messages use for it; the defaults for a new table, the
 * reading of a model from JSON (an exported file, the workbook's saved model) and the run's
 * own checks all come from that one declaration, so they cannot drift apart.
 */
import { CvError } from "../core/errors";
import type { ColumnProfile } from "../core/profile";
import { parseDayCell } from "../core/table";

/** What a default may look at: the table's columns and the value column chosen in the pane. */
export interface SettingsContext {
  profiles: readonly ColumnProfile[];
  value: string | null;
}

/** One setting: its words, what it allows, its default, and how a value is checked. */
export interface SettingField<T> {
  /** The setting in a sentence, for messages: "minimum support". */
  words: string;
  /** What it allows, in words: "a whole number from 2 to 5". */
  allowed: string;
  /** The value a new model starts with. */
  initial(context: SettingsContext): T;
  /**
   * The value a saved model without this field gets (older models); undefined = the field is
   * required. Only fields whose default does not depend on the table have one.
   */
  missing?: T;
  /**
   * Reads a value from JSON: returns it (possibly converted) or undefined when it is not
   * allowed. Nested settings (tiers, rules) name their own sub-path in the error they throw.
   */
  read(raw: unknown, path: string): T | undefined;
  /** True for a field naming a column of the table (a column the analysis uses). */
  isColumn?: boolean;
}

/** The value type of a field. */
export type FieldValue<F> = F extends SettingField<infer T> ? T : never;

/** The settings type a declaration describes: `SettingsType<typeof rfmSettings>`. */
export type SettingsType<D> = D extends SettingsDeclaration<infer S> ? S : never;

/** The settings object a list of fields describes. */
export type SettingsOf<Fields> = { [K in keyof Fields]: FieldValue<Fields[K]> };

/** An analysis's settings, declared once: defaults, JSON reading and checks. */
export interface SettingsDeclaration<S> {
  /** The model key the settings are saved under ("crossSell"), and the analysis name messages start with ("Cross-sell"). */
  key: string;
  title: string;
  fields: { [K in keyof S]: SettingField<S[K]> };
  /** Settings for a new model on this table: every field's default. */
  defaults(context: SettingsContext): S;
  /**
   * Reads the settings from a model's JSON, checking every field.
   *
   * @throws CvError BAD_OPTION "model crossSell.maxSize: expected a whole number from 2 to 5, found 1".
   */
  parse(raw: unknown): S;
  /**
   * Checks settings before a run (a pane or a test may hand over anything).
   *
   * @throws CvError BAD_OPTION "Cross-sell products in a rule: expected a whole number from 2 to 5, found 6."
   */
  check(settings: S): void;
  /** The table columns these settings name (every column field that is not null). */
  columns(settings: S): string[];
}

function modelError(path: string, message: string): CvError {
  return new CvError("BAD_OPTION", `model ${path}: ${message}`, { argument: "model" });
}

/**
 * Declares an analysis's settings from its fields.
 *
 * @example
 * const settings = declareSettings("crossSell", "Cross-sell", { top: wholeNumber({ words: "recommendations per customer", min: 1, max: 100, initial: 3 }) });
 * settings.defaults(context) // → { top: 3 }
 */
export function declareSettings<Fields extends Record<string, SettingField<unknown>>>(key: string, title: string, fields: Fields): SettingsDeclaration<SettingsOf<Fields>> {
  type S = SettingsOf<Fields>;
  const names = Object.keys(fields) as (keyof Fields & string)[];
  return {
    key,
    title,
    fields: fields as unknown as SettingsDeclaration<S>["fields"],
    defaults(context) {
      const out: Record<string, unknown> = {};
      for (const name of names) out[name] = (fields[name] as SettingField<unknown>).initial(context);
      return out as S;
    },
    parse(raw) {
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw modelError(key, `expected the ${title.toLowerCase()} settings, found ${JSON.stringify(raw)}`);
      const data = raw as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const name of names) {
        const field = fields[name] as SettingField<unknown>;
        const path = `${key}.${name}`;
        const given = data[name];
        if (given === undefined && field.missing !== undefined) {
          out[name] = field.missing;
          continue;
        }
        const value = field.read(given, path);
        if (value === undefined) throw modelError(path, `expected ${field.allowed}${given === undefined ? "" : `, found ${JSON.stringify(given)}`}`);
        out[name] = value;
      }
      return out as S;
    },
    columns(settings) {
      return names.filter((name) => (fields[name] as SettingField<unknown>).isColumn).map((name) => (settings as Record<string, unknown>)[name]).filter((v): v is string => typeof v === "string");
    },
    check(settings) {
      for (const name of names) {
        const field = fields[name] as SettingField<unknown>;
        const value = (settings as Record<string, unknown>)[name];
        if (field.read(value, `${key}.${name}`) === undefined) {
          throw new CvError("BAD_OPTION", `${title} ${field.words}: expected ${field.allowed}, found ${String(value)}.`, { argument: key });
        }
      }
    },
  };
}

/**
 * A column of the table, or none (null): its default is guessed from the columns.
 *
 * @example column("date column", ({ profiles }) => profiles.find((p) => p.kind === "date")?.header ?? null)
 */
export function column(words: string, guess: (context: SettingsContext) => string | null): SettingField<string | null> {
  return {
    words,
    allowed: "a column name or null",
    isColumn: true,
    initial: guess,
    missing: null,
    read: (raw) => (raw === null || raw === undefined ? null : typeof raw === "string" ? raw : undefined),
  };
}

/** Options of a number setting. */
export interface NumberOptions {
  words: string;
  /** What it allows in words; default "a number from min to max" or "a whole number from min to max". */
  allowed?: string;
  initial: number;
  min: number;
  max: number;
  /** True when min itself is not allowed (a support above 0). */
  aboveMin?: boolean;
  /** True when max itself is not allowed (a discount rate below 1). */
  belowMax?: boolean;
  /** True for whole numbers only. */
  whole?: boolean;
}

/**
 * A number within a range (inclusive unless told), a whole number when `whole`.
 *
 * @example numberSetting({ words: "margin", allowed: "a share of spend from 0 to 1", initial: 1, min: 0, max: 1 })
 */
export function numberSetting(options: NumberOptions): SettingField<number> {
  const { min, max } = options;
  return {
    words: options.words,
    allowed: options.allowed ?? `${options.whole ? "a whole number" : "a number"} from ${min} to ${max}`,
    initial: () => options.initial,
    missing: options.initial,
    read(raw) {
      if (typeof raw !== "number" || !Number.isFinite(raw)) return undefined;
      if (options.whole && !Number.isInteger(raw)) return undefined;
      if (options.aboveMin ? !(raw > min) : !(raw >= min)) return undefined;
      if (options.belowMax ? !(raw < max) : !(raw <= max)) return undefined;
      return raw;
    },
  };
}

/** A whole number from min to max. */
export function wholeNumber(options: Omit<NumberOptions, "whole">): SettingField<number> {
  return numberSetting({ ...options, whole: true });
}

/**
 * One of a few words; the default may be guessed from the table (then a saved model must name it).
 *
 * @example choice("time unit", ["day", "week", "month"] as const, "week") // allowed: "day", "week" or "month"
 */
export function choice<T extends string>(words: string, options: readonly T[], initial: T | ((context: SettingsContext) => T)): SettingField<T> {
  const quoted = options.map((o) => `"${o}"`);
  return {
    words,
    allowed: quoted.length === 1 ? (quoted[0] as string) : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`,
    initial: typeof initial === "function" ? initial : () => initial,
    ...(typeof initial === "function" ? {} : { missing: initial }),
    read: (raw) => (typeof raw === "string" && (options as readonly string[]).includes(raw) ? (raw as T) : undefined),
  };
}

/** A date as yyyy-mm-dd, or null for the default (the day after the latest date in the data). */
export function optionalDate(words: string): SettingField<string | null> {
  return {
    words,
    allowed: "a date as yyyy-mm-dd or null",
    initial: () => null,
    missing: null,
    read(raw) {
      if (raw === null || raw === undefined) return null;
      if (typeof raw !== "string") return undefined;
      const day = parseDayCell(raw);
      return day === undefined || Number.isNaN(day) ? undefined : raw;
    },
  };
}

/**
 * A setting with a structure of its own (tiers, segment rules): its reader checks it and
 * throws a message naming the sub-field, or returns undefined for the generic message.
 */
export function structured<T>(words: string, allowed: string, initial: (context: SettingsContext) => T, read: (raw: unknown, path: string) => T | undefined, missing?: T): SettingField<T> {
  return { words, allowed, initial, read, ...(missing !== undefined ? { missing } : {}) };
}

/** Fails reading a model field with the message every model field uses: "model tiers.labels: need one label per share". */
export function failModel(path: string, message: string): never {
  throw modelError(path, message);
}
