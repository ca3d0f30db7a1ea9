package com.modelregistry.version;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.db.DatabaseFailures;
import com.modelregistry.common.http.Tagged;
import com.modelregistry.common.problem.Conflict;
import com.modelregistry.common.problem.Forbidden;
import com.modelregistry.common.problem.NotFound;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Pointing, resolving and removing the aliases of models: the names a deployment asks for, such as production. */
@ApplicationScoped
public class AliasService {

    private final AliasRepository aliases;
    private final VersionedModels models;

    public AliasService(AliasRepository aliases, VersionedModels models) {
        this.aliases = aliases;
        this.models = models;
    }

    /**
     * Creates the alias or moves it to the version, then answers that version. The database decides what the checks
     * here cannot see, as it sees concurrent requests: a version archived meanwhile breaks the foreign key (409).
     */
    public Uni<Tagged<VersionView>> point(Caller caller, long modelId, String alias, int number) {
        return Panache.withTransaction(() -> changeable(caller, modelId)
                .chain(() -> aliases.point(modelId, alias, number))
                .chain(pointed -> pointed ? aliases.resolve(modelId, alias)
                        : models.ownerOf(modelId).map(owner -> {
                            throw owner == null ? new NotFound("Model", modelId)
                                    : new NotFound("Model " + modelId + " version", number);
                        })))
                .onFailure().transform(failure -> refused(failure, modelId));
    }

    /**
     * The version the alias points at, in one statement; "latest" is the highest-numbered ready version. Only a miss
     * reads on, to tell a missing model from a missing alias.
     */
    @WithSession
    public Uni<Tagged<VersionView>> resolve(long modelId, String alias) {
        Uni<Tagged<VersionView>> found = AliasRules.LATEST.equals(alias)
                ? aliases.latest(modelId) : aliases.resolve(modelId, alias);
        return found.chain(version -> version != null ? Uni.createFrom().item(version)
                : models.ownerOf(modelId).map(owner -> {
                    if (owner == null) {
                        throw new NotFound("Model", modelId);
                    }
                    throw AliasRules.LATEST.equals(alias) ? new NotFound("A ready version of model", modelId)
                            : new NotFound("Model " + modelId + " alias", alias);
                }));
    }

    public Uni<Void> remove(Caller caller, long modelId, String alias) {
        return Panache.withTransaction(() -> changeable(caller, modelId)
                .chain(() -> aliases.remove(modelId, alias))
                .invoke(removed -> {
                    if (!removed) {
                        throw new NotFound("Model " + modelId + " alias", alias);
                    }
                })).replaceWithVoid();
    }

    /**
     * What a foreign key of model_aliases refused: a version that is archived (or was archived by a concurrent request),
     * or a model deleted since it was read.
     */
    private static Throwable refused(Throwable failure, long modelId) {
        return DatabaseFailures.violated(failure).<Throwable>map(constraint -> switch (constraint) {
            case "model_aliases_version_fkey" -> new Conflict("version",
                    "is archived: an alias points only at a ready version");
            case "model_aliases_model_id_fkey" -> new NotFound("Model", modelId);
            default -> null;
        }).orElse(failure);
    }

    /** Refuses a missing model (404) and a caller who is neither its owner nor an admin (403), before any write. */
    private Uni<Void> changeable(Caller caller, long modelId) {
        return models.ownerOf(modelId).invoke(owner -> {
            if (owner == null) {
                throw new NotFound("Model", modelId);
            }
            if (!caller.mayActFor(owner)) {
                throw new Forbidden("Only the model's owner or an admin may change its aliases");
            }
        }).replaceWithVoid();
    }
}
