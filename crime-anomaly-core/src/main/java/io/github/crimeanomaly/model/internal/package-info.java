/**
 * Internal helpers of the model package: the DL4J network factory, ND4J process settings and the
 * saved-model archive format. Not API: may change in any release.
 */
package io.github.crimeanomaly.model.internal;
