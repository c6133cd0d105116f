import { sql, type Kysely } from 'kysely';

/**
 * The spreadsheet-cell rule of CSV exports for cells of 32,000 bytes or more (issue #20): the CSV of
 * sessions is written by `COPY (…) TO STDOUT`, PostgreSQL rendering every cell, and this function is
 * the rare long case of the rule in modules/exports/csv-writer.ts (`safeCell`): a text starting with
 * `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, and a text longer than the limit is cut and ends
 * with a marker naming its full length. Lengths count UTF-16 code units, as Excel (and JavaScript)
 * do, and a cut never splits a character. Shorter cells never call it (the export checks
 * `octet_length` first), so its loop costs nothing on ordinary rows.
 *
 * `marker` holds `{n}` where the full length goes, digits grouped by `group_separator`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION export_long_cell(value text, cell_limit int, marker text, group_separator text)
    RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      prefixed text := CASE WHEN left(value, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || value ELSE value END;
      full_length int := char_length(value) + char_length(regexp_replace(value, '[^\\U00010000-\\U0010FFFF]+', '', 'g'));
      ending text;
      budget int;
      low int;
      high int;
      middle int;
    BEGIN
      IF full_length + (char_length(prefixed) - char_length(value)) <= cell_limit THEN
        RETURN prefixed;
      END IF;
      ending := replace(marker, '{n}', regexp_replace(full_length::text, '(\\d)(?=(\\d{3})+$)', '\\1' || group_separator, 'g'));
      budget := cell_limit - char_length(ending);
      -- The longest prefix of at most budget UTF-16 units: each character is one unit or two.
      low := budget / 2;
      high := budget;
      WHILE low < high LOOP
        middle := (low + high + 1) / 2;
        IF middle + char_length(regexp_replace(left(prefixed, middle), '[^\\U00010000-\\U0010FFFF]+', '', 'g')) <= budget THEN
          low := middle;
        ELSE
          high := middle - 1;
        END IF;
      END LOOP;
      RETURN left(prefixed, low) || ending;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION export_long_cell(text, int, text, text)`.execute(db);
}
