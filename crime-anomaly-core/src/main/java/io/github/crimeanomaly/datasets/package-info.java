/**
 * Readers for public video-anomaly datasets in their original layouts, e.g.
 * {@link io.github.crimeanomaly.datasets.UcsdPedDataset} (UCSD Ped1/Ped2).
 */
package io.github.crimeanomaly.datasets;
