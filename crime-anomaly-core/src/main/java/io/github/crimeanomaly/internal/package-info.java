/** Internal helpers. Not API: may change in any release. */
package io.github.crimeanomaly.internal;
