package io.github.crimeanomaly.records;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One incident of the City of Chicago crimes data ("Crimes – 2001 to Present" schema).
 *
 * <p>Numeric columns that may be empty in the source ({@code ward}, {@code communityArea},
 * {@code district}, coordinates) are {@code double}s with {@code NaN} for missing. The source
 * also marks an unknown location with the placeholder {@code X = Y = 0} (latitude 36.619...,
 * longitude -91.686..., in Missouri); the reader keeps those values as written, and
 * {@link #locationKnown()} is false for them.
 *
 * @param id the unique record id
 * @param caseNumber the police case number (not unique: one case can have several victims)
 * @param dateTime when the incident occurred (local Chicago time)
 * @param block the partially redacted address block
 * @param iucr the Illinois Uniform Crime Reporting code
 * @param primaryType the primary offence type, e.g. {@code HOMICIDE}
 * @param description the secondary description, e.g. {@code FIRST DEGREE MURDER}
 * @param locationDescription the kind of place, e.g. {@code STREET}, {@code APARTMENT}
 * @param arrest whether an arrest was made
 * @param domestic whether the incident was domestic-related
 * @param beat the police beat
 * @param district the police district, NaN if missing
 * @param ward the city council ward, NaN if missing
 * @param communityArea the community area number (1–77), NaN if missing
 * @param fbiCode the FBI crime classification code
 * @param xCoordinate the Illinois State Plane East X coordinate (feet), NaN if missing
 * @param yCoordinate the Illinois State Plane East Y coordinate (feet), NaN if missing
 * @param year the year of the incident
 * @param latitude the latitude, NaN if missing
 * @param longitude the longitude, NaN if missing
 */
public record ChicagoCrimeRecord(long id, String caseNumber, LocalDateTime dateTime, String block, String iucr,
                                 String primaryType, String description, String locationDescription,
                                 boolean arrest, boolean domestic, String beat, double district, double ward,
                                 double communityArea, String fbiCode, double xCoordinate, double yCoordinate,
                                 int year, double latitude, double longitude) {

    /** Checks the non-null fields. */
    public ChicagoCrimeRecord {
        Objects.requireNonNull(caseNumber, "caseNumber");
        Objects.requireNonNull(dateTime, "dateTime");
        Objects.requireNonNull(primaryType, "primaryType");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(locationDescription, "locationDescription");
    }

    /**
     * Whether latitude and longitude give a real location: both present and not the source's
     * {@code X = Y = 0} placeholder.
     */
    public boolean locationKnown() {
        return !Double.isNaN(latitude) && !Double.isNaN(longitude) && !(xCoordinate == 0 && yCoordinate == 0);
    }
}
