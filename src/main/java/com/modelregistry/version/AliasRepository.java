package com.modelregistry.version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.modelregistry.common.db.PlanPerCall;
import com.modelregistry.common.http.Tagged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every query on aliases. Resolving one is the lookup a deployment makes, so it reads the version and its aliases in
 * one statement, straight into the view, without loading an entity. Native selects bind the model id as a list
 * (common/db/PlanPerCall): Hibernate Reactive cannot reuse their plans.
 */
@ApplicationScoped
public class AliasRepository {

    /**
     * A version as {@link #view} reads it: its columns, its row version (the ETag), and the sorted names of the aliases
     * pointing at it, with "latest" when no ready version of the model has a higher number. Names sort in the "C"
     * collation, as Java sorts them elsewhere.
     */
    private static final String VERSION_COLUMNS = """
            select v.model_id, v.number, v.artifact_uri, v.description, cast(v.metrics as text), v.status,
                   v.created_by, v.created_at, v.updated_at, v.version,
                   (select string_agg(n.name, ',' order by n.name collate "C") from (
                        select a.name from model_aliases a where a.version_id = v.id
                        union all
                        select 'latest' where v.status = 'ready' and not exists (
                            select 1 from model_versions h
                            where h.model_id = v.model_id and h.status = 'ready' and h.number > v.number)) n)
            """;

    /** Served by the aliases' primary key, the versions' primary key and model_versions_status_idx. */
    private static final String RESOLVE = VERSION_COLUMNS + """
            from model_aliases r join model_versions v on v.id = r.version_id
            where r.model_id in (?1) and r.name = ?2
            """;

    /** The highest-numbered ready version: model_versions_status_idx read backwards. */
    private static final String LATEST = VERSION_COLUMNS + """
            from model_versions v where v.model_id in (?1) and v.status = 'ready' order by v.number desc limit 1
            """;

    /**
     * Creates the alias or moves it, in one statement: two requests moving one alias at once both land, the later
     * one last, without a unique violation. No row when the model has no such version; the foreign key on
     * (version_id, version_status) refuses an archived one, even one archived by a request running at the same time.
     */
    private static final String POINT = """
            insert into model_aliases (model_id, name, version_id, created_at, updated_at)
            select v.model_id, ?2, v.id, now(), now() from model_versions v where v.model_id = ?1 and v.number = ?3
            on conflict (model_id, name) do update set version_id = excluded.version_id, updated_at = excluded.updated_at
            """;

    private static final String REMOVE = "delete from model_aliases where model_id = ?1 and name = ?2";

    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() { };

    private final ObjectMapper json;

    public AliasRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The version the alias points at, or null when the model has no such alias (or does not exist). */
    public Uni<Tagged<VersionView>> resolve(long modelId, String alias) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RESOLVE, Object[].class)
                .setParameter(1, PlanPerCall.key(modelId)).setParameter(2, alias).getSingleResultOrNull()).map(this::view);
    }

    /** The model's highest-numbered ready version, or null when it has none (or does not exist). */
    public Uni<Tagged<VersionView>> latest(long modelId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LATEST, Object[].class)
                .setParameter(1, PlanPerCall.key(modelId)).getSingleResultOrNull()).map(this::view);
    }

    /** Whether the model has a version with that number, which the alias now points at. */
    public Uni<Boolean> point(long modelId, String alias, int number) {
        return Panache.getSession().chain(session -> session.createNativeQuery(POINT)
                .setParameter(1, modelId).setParameter(2, alias).setParameter(3, number).executeUpdate())
                .map(rows -> rows > 0);
    }

    /** Whether there was such an alias to remove. */
    public Uni<Boolean> remove(long modelId, String alias) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REMOVE)
                .setParameter(1, modelId).setParameter(2, alias).executeUpdate()).map(rows -> rows > 0);
    }

    private Tagged<VersionView> view(Object[] row) {
        if (row == null) {
            return null;
        }
        String aliases = (String) row[10];
        VersionView view = new VersionView(((Number) row[0]).longValue(), ((Number) row[1]).intValue(),
                (String) row[2], (String) row[3], metrics((String) row[4]),
                new VersionStatus.Column().convertToEntityAttribute((String) row[5]),
                aliases == null ? List.of() : Arrays.asList(aliases.split(",")),
                ((Number) row[6]).longValue(), instant(row[7]), instant(row[8]));
        return new Tagged<>(view, ((Number) row[9]).longValue());
    }

    private Map<String, Double> metrics(String text) {
        try {
            return json.readValue(text, METRICS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable metrics in the database", e);
        }
    }

    /** The driver gives a timestamp with time zone as an OffsetDateTime or an Instant, depending on its settings. */
    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime time ? time.toInstant() : (Instant) value;
    }
}
