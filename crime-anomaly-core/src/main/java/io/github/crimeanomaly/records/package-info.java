/**
 * Readers for real tabular crime records: the City of Chicago "Crimes – 2001 to Present" CSV
 * layout ({@link io.github.crimeanomaly.records.ChicagoCrimeRecords}). Broken files are
 * {@link io.github.crimeanomaly.records.RecordFormatException}s naming the row.
 */
package io.github.crimeanomaly.records;
