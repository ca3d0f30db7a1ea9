package com.modelregistry.version;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every query on versions and aliases. */
@ApplicationScoped
public class VersionRepository implements PanacheRepositoryBase<ModelVersion, Long> {

    /**
     * The aliases of a model's versions, and "latest" on its highest-numbered ready version: one statement, served
     * by the aliases' primary key and model_versions_status_idx.
     */
    private static final String ALIASES_OF_MODEL = """
            select version_id, name from model_aliases where model_id = ?1
            union all
            (select id, 'latest' from model_versions where model_id = ?1 and status = 'ready'
             order by number desc limit 1)
            """;

    public Uni<ModelVersion> findByNumber(long modelId, int number) {
        return find("modelId = ?1 and number = ?2", modelId, number).firstResult();
    }

    /** The sorted alias names of each version of the model that has any, by the version's row id. */
    public Uni<Map<Long, List<String>>> aliasesOf(long modelId) {
        return getSession().chain(session -> session.createNativeQuery(ALIASES_OF_MODEL, Object[].class)
                .setParameter(1, modelId).getResultList()).map(rows -> {
                    Map<Long, List<String>> aliases = new HashMap<>();
                    for (Object[] row : rows) {
                        aliases.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                                .add((String) row[1]);
                    }
                    aliases.values().forEach(names -> names.sort(null));
                    return aliases;
                });
    }
}
