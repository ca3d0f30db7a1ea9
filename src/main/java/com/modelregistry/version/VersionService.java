package com.modelregistry.version;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.db.DatabaseFailures;
import com.modelregistry.common.http.EntityTag;
import com.modelregistry.common.http.Tagged;
import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.paging.Page;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.common.problem.Conflict;
import com.modelregistry.common.problem.Forbidden;
import com.modelregistry.common.problem.NotFound;
import com.modelregistry.common.problem.PreconditionFailed;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Recording, finding, changing and removing the versions of models. */
@ApplicationScoped
public class VersionService {

    /** How many versions a model read with ?expand=versions carries; the version list pages further. */
    public static final int EXPANDED = 100;

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

    /** A page of the model's versions, newest first, with the total; 404 rather than an empty page for no model. */
    @WithSession
    public Uni<Page<VersionView>> list(long modelId, VersionStatus status, PageRequest page) {
        return modelMustExist(modelId).chain(() -> versions.listOf(modelId, status, page))
                .chain(found -> versions.countOf(modelId, status).chain(total -> withAliases(modelId, found)
                        .map(views -> Page.of(views, view -> view, page, total))));
    }

    /** The model's versions after the cursor, newest first; 404 for no model. */
    @WithSession
    public Uni<KeysetPage<VersionView>> listAfter(long modelId, VersionStatus status,
            KeysetRequest<ModelVersion> slice) {
        return modelMustExist(modelId).chain(() -> versions.listAfter(modelId, status, slice))
                .chain(found -> withAliases(modelId, found.items())
                        .map(views -> new KeysetPage<>(views, found.size(), found.next())));
    }

    /**
     * The model's newest versions (up to {@link #EXPANDED}), newest first, for a read of the model: two statements,
     * the versions and their aliases, or one when it has none. Runs in the caller's session.
     */
    public Uni<List<VersionView>> newestOf(long modelId) {
        return versions.newestOf(modelId, EXPANDED).chain(found -> withAliases(modelId, found));
    }

    /**
     * Applies the patch under the version's row lock, so that concurrent patches run one after the other and an
     * If-Match tag is compared with a version nobody can change before this transaction ends. The flush runs here,
     * inside the transaction, so that the aliases' foreign key refusing an archive is seen and answered 409.
     *
     * @param ifMatch the If-Match precondition, or null when the client sent none
     */
    public Uni<Tagged<VersionView>> update(Caller caller, long modelId, int number, VersionPatch patch,
            EntityTag ifMatch) {
        return Panache.withTransaction(() -> changeable(caller, modelId)
                .chain(() -> versions.findByNumberForUpdate(modelId, number))
                .chain(found -> {
                    ModelVersion version = existingVersion(found, modelId, number);
                    if (ifMatch != null && !ifMatch.matches(version.version)) {
                        throw new PreconditionFailed("Model " + modelId + " version", number);
                    }
                    if (patch.description() != null) {
                        version.description = patch.description().orElse(null);
                    }
                    if (patch.status() != null) {
                        version.status = patch.status().orElseThrow();
                    }
                    if (patch.metrics() != null) {
                        version.metrics = Map.copyOf(patch.metrics().orElseThrow());
                    }
                    return versions.flush().chain(() -> tagged(version));
                })).onFailure().transform(VersionService::aliased);
    }

    /**
     * Deletes by statement, as ModelService.delete explains (Hibernate Reactive's entity removal); the version's
     * aliases go with it by V6's cascade. With If-Match, the version is read under its row lock first, so that the
     * version compared is the one deleted.
     */
    public Uni<Void> delete(Caller caller, long modelId, int number, EntityTag ifMatch) {
        return Panache.withTransaction(() -> changeable(caller, modelId)
                .chain(() -> ifMatch == null ? Uni.createFrom().voidItem()
                        : versions.findByNumberForUpdate(modelId, number).invoke(found -> {
                            ModelVersion version = existingVersion(found, modelId, number);
                            if (!ifMatch.matches(version.version)) {
                                throw new PreconditionFailed("Model " + modelId + " version", number);
                            }
                        }).replaceWithVoid())
                .chain(() -> versions.deleteByNumber(modelId, number))
                .invoke(deleted -> {
                    if (deleted == 0) {
                        throw new NotFound("Model " + modelId + " version", number);
                    }
                })).replaceWithVoid();
    }

    private Uni<Void> modelMustExist(long modelId) {
        return models.ownerOf(modelId).invoke(owner -> {
            if (owner == null) {
                throw new NotFound("Model", modelId);
            }
        }).replaceWithVoid();
    }

    /** The views of the versions with their aliases: one statement for the aliases of all, none for no version. */
    private Uni<List<VersionView>> withAliases(long modelId, List<ModelVersion> found) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return versions.aliasesOf(modelId).map(aliases -> found.stream()
                .map(version -> VersionView.of(version, aliases.getOrDefault(version.id, List.of()))).toList());
    }

    private static ModelVersion existingVersion(ModelVersion version, long modelId, int number) {
        if (version == null) {
            throw new NotFound("Model " + modelId + " version", number);
        }
        return version;
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

    /** The version was archived while an alias points at it: the aliases' foreign key refused the update. */
    private static Throwable aliased(Throwable failure) {
        return DatabaseFailures.violated(failure)
                .filter("model_aliases_version_fkey"::equals)
                .<Throwable>map(constraint -> new Conflict("status",
                        "cannot be archived while an alias points at the version; move or delete the alias first"))
                .orElse(failure);
    }
}
