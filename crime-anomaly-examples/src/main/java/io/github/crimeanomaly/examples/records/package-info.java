/**
 * Examples on crime records: spatio-temporal forecasting of where crimes happen next month
 * ({@link io.github.crimeanomaly.examples.records.HomicideForecast}).
 */
package io.github.crimeanomaly.examples.records;
