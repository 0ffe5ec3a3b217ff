/**
 * Synthetic (generated) data for tests, examples and users: every generator here says so in its
 * name and documentation. Nothing here is real footage.
 */
package io.github.crimeanomaly.synthetic;
