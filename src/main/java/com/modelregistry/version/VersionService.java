package com.modelregistry.version;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.db.DatabaseFailures;
import com.modelregistry.common.http.Tagged;
import com.modelregistry.common.problem.Forbidden;
import com.modelregistry.common.problem.NotFound;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Recording, finding, changing and removing the versions of models. */
@ApplicationScoped
public class VersionService {

    private final VersionRepository versions;
    private final VersionedModels models;

    public VersionService(VersionRepository versions, VersionedModels models) {
        this.versions = versions;
        this.models = models;
    }

    /**
     * Numbers the version from the model's counter, which locks the model's row till the transaction ends: twenty
     * concurrent creates get twenty numbers in the order they take the lock, and a failed insert gives its number back.
     */
    public Uni<Tagged<VersionView>> create(Caller caller, long modelId, NewVersion request) {
        return Panache.withTransaction(() -> changeable(caller, modelId)
                .chain(() -> models.nextVersionNumber(modelId))
                .chain(number -> {
                    if (number == null) {
                        throw new NotFound("Model", modelId);   // deleted since it was read
                    }
                    ModelVersion version = new ModelVersion();
                    version.modelId = modelId;
                    version.number = number;
                    version.artifactUri = request.artifactUri();
                    version.description = request.description();
                    version.metrics = request.metrics();
                    version.status = VersionStatus.READY;
                    version.createdBy = caller.id();
                    return versions.persistAndFlush(version).chain(() -> tagged(version));
                })).onFailure().transform(failure -> modelGone(failure, modelId));
    }

    @WithSession
    public Uni<Tagged<VersionView>> get(long modelId, int number) {
        return existing(modelId, number).chain(this::tagged);
    }

    private Uni<ModelVersion> existing(long modelId, int number) {
        return versions.findByNumber(modelId, number).chain(version -> version != null
                ? Uni.createFrom().item(version)
                : models.ownerOf(modelId).map(owner -> {
                    throw owner == null ? new NotFound("Model", modelId) : new NotFound("Model " + modelId + " version", number);
                }));
    }

    /** Refuses a missing model (404) and a caller who is neither its owner nor an admin (403). */
    private Uni<Void> changeable(Caller caller, long modelId) {
        return models.ownerOf(modelId).invoke(owner -> {
            if (owner == null) {
                throw new NotFound("Model", modelId);
            }
            if (!caller.mayActFor(owner)) {
                throw new Forbidden("Only the model's owner or an admin may change its versions");
            }
        }).replaceWithVoid();
    }

    private Uni<Tagged<VersionView>> tagged(ModelVersion version) {
        return versions.aliasesOf(version.modelId).map(aliases -> new Tagged<>(
                VersionView.of(version, aliases.getOrDefault(version.id, List.of())), version.version));
    }

    /** The model was deleted between the checks and the insert: the foreign key refused the version. */
    private static Throwable modelGone(Throwable failure, long modelId) {
        return DatabaseFailures.violated(failure)
                .filter(constraint -> constraint.startsWith("model_versions_model_id"))
                .<Throwable>map(constraint -> new NotFound("Model", modelId))
                .orElse(failure);
    }
}
