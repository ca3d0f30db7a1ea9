package com.modelregistry.mlmodel;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.db.DatabaseFailures;
import com.modelregistry.common.http.EntityTag;
import com.modelregistry.common.problem.Conflict;
import com.modelregistry.common.problem.Forbidden;
import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.problem.NotFound;
import com.modelregistry.common.paging.Page;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.common.problem.PreconditionFailed;
import com.modelregistry.common.http.Tagged;
import com.modelregistry.version.VersionService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.Map;

/** Recording, finding, changing and removing models. */
@ApplicationScoped
public class ModelService {

    private final ModelRepository models;
    private final Owners owners;
    private final VersionService versions;

    public ModelService(ModelRepository models, Owners owners, VersionService versions) {
        this.models = models;
        this.owners = owners;
        this.versions = versions;
    }

    /**
     * Only the owner-to-be or an admin records a model for a user. The transaction is opened here rather than by
     * {@code @WithTransaction}, which would open it before the method runs: a refused caller takes no connection.
     */
    public Uni<ModelView> create(Caller caller, long ownerId, NewModel request) {
        caller.requireSelfOrAdmin(ownerId);
        // the owner is not read: the foreign key refuses a missing one, which answers 404 like a lookup would
        return Panache.withTransaction(() -> {
            MLModel model = new MLModel();
            model.name = request.name();
            model.framework = request.framework();
            model.accuracy = request.accuracy();
            model.ownerId = ownerId;
            return models.persistAndFlush(model).map(ModelView::of);
        }).onFailure().transform(failure -> ownerGone(failure, ownerId));
    }

    @WithSession
    public Uni<Page<ModelView>> search(ModelSearch search, PageRequest page) {
        return pageOf(search, page);
    }

    @WithSession
    public Uni<KeysetPage<ModelView>> searchAfter(ModelSearch search, KeysetRequest<MLModel> slice) {
        return models.searchAfter(search, slice);
    }

    /** The models of one user; 404 rather than an empty page when the user does not exist. */
    @WithSession
    public Uni<Page<ModelView>> ownedBy(long ownerId, PageRequest page) {
        return ownerMustExist(ownerId).chain(() -> pageOf(ModelSearch.ownedBy(ownerId), page));
    }

    @WithSession
    public Uni<KeysetPage<ModelView>> ownedByAfter(long ownerId, KeysetRequest<MLModel> slice) {
        return ownerMustExist(ownerId).chain(() -> models.searchAfter(ModelSearch.ownedBy(ownerId), slice));
    }

    private Uni<Void> ownerMustExist(long ownerId) {
        return owners.exists(ownerId).invoke(found -> {
            if (!found) {
                throw new NotFound("User", ownerId);
            }
        }).replaceWithVoid();
    }

    /** The page, then the total: one after the other, as one reactive session allows. */
    private Uni<Page<ModelView>> pageOf(ModelSearch search, PageRequest page) {
        return models.search(search, page).chain(found -> models.countMatching(search)
                .map(total -> Page.of(found, ModelView::of, page, total)));
    }

    @WithSession
    public Uni<Tagged<ModelView>> get(long id) {
        return models.findById(id).map(model -> tagged(existing(model, id)));
    }

    /**
     * The model with its newest versions, in a fixed number of statements whatever their count: the model, its
     * versions, their aliases. No ETag: the model's version does not cover its versions.
     */
    @WithSession
    public Uni<ModelView> getWithVersions(long id) {
        return models.findById(id).chain(found -> {
            MLModel model = existing(found, id);
            return versions.newestOf(id).map(newest -> ModelView.withVersions(model, newest));
        });
    }

    /**
     * Applies the patch under a row lock, so that concurrent patches run one after the other, each on the latest
     * row, and an If-Match tag is compared with a version nobody can change before this transaction ends.
     *
     * @param ifMatch the If-Match precondition, or null when the client sent none
     */
    @WithTransaction
    public Uni<Tagged<ModelView>> update(Caller caller, long id, ModelPatch patch, EntityTag ifMatch) {
        return lockedForChange(caller, id, ifMatch).chain(model -> {
            if (patch.name() != null) {
                model.name = patch.name().orElseThrow();
            }
            if (patch.framework() != null) {
                model.framework = patch.framework().orElseThrow();
            }
            if (patch.accuracy() != null) {
                model.accuracy = patch.accuracy().orElse(null);
            }
            return models.flush().map(ignored -> tagged(model));
        });
    }

    /**
     * Sets one tag, under the model's row lock like {@link #update}: concurrent tag writes run one after the other,
     * each counting the tags the one before left, so no race takes a model past {@link ModelTags#MAX_TAGS}.
     * Setting the value a tag already has changes nothing, and the version (the ETag) stays.
     */
    @WithTransaction
    public Uni<Tagged<ModelView>> putTag(Caller caller, long id, String key, String value, EntityTag ifMatch) {
        return lockedForChange(caller, id, ifMatch).chain(model -> {
            if (!model.tags.containsKey(key) && model.tags.size() >= ModelTags.MAX_TAGS) {
                throw new Conflict("key", "would be tag number " + (ModelTags.MAX_TAGS + 1) + "; a model has at most "
                        + ModelTags.MAX_TAGS + ": remove one first");
            }
            Map<String, String> tags = new HashMap<>(model.tags);
            tags.put(key, value);
            model.tags = tags;
            return models.flush().map(ignored -> tagged(model));
        });
    }

    /** Removes one tag, under the row lock; 404 when the model has no tag with this key. */
    @WithTransaction
    public Uni<Void> removeTag(Caller caller, long id, String key, EntityTag ifMatch) {
        return lockedForChange(caller, id, ifMatch).chain(model -> {
            if (!model.tags.containsKey(key)) {
                throw new NotFound("Tag", key);
            }
            Map<String, String> tags = new HashMap<>(model.tags);
            tags.remove(key);
            model.tags = tags;
            return models.flush();
        }).replaceWithVoid();
    }

    /** The model, locked for this transaction, once the caller may change it and If-Match (if any) holds. */
    private Uni<MLModel> lockedForChange(Caller caller, long id, EntityTag ifMatch) {
        return models.findById(id, LockModeType.PESSIMISTIC_WRITE).map(found -> {
            MLModel model = changeableBy(caller, existing(found, id));
            if (ifMatch != null && !ifMatch.matches(model.version)) {
                throw new PreconditionFailed("Model", id);
            }
            return model;
        });
    }

    private static Tagged<ModelView> tagged(MLModel model) {
        return new Tagged<>(ModelView.of(model), model.version);
    }

    /**
     * Deletes with a statement rather than by removing the loaded entity: Hibernate Reactive's entity removal shares
     * state between sessions and mixes up concurrent deletes (HR000069, then a hung transaction; hibernate-reactive
     * issue 1713), which concurrentDeletesAllSucceed reproduces.
     */
    @WithTransaction
    public Uni<Void> delete(Caller caller, long id, EntityTag ifMatch) {
        // with a precondition, under a row lock: the version compared is the one deleted
        Uni<MLModel> found = ifMatch == null ? models.findById(id) : models.findById(id, LockModeType.PESSIMISTIC_WRITE);
        return found.chain(model -> {
            changeableBy(caller, existing(model, id));
            if (ifMatch != null && !ifMatch.matches(model.version)) {
                throw new PreconditionFailed("Model", id);
            }
            return models.delete("id", id);
        }).replaceWithVoid();
    }

    private static MLModel changeableBy(Caller caller, MLModel model) {
        if (!caller.mayActFor(model.ownerId)) {
            throw new Forbidden("Only the model's owner or an admin may change it");
        }
        return model;
    }

    private static MLModel existing(MLModel model, long id) {
        if (model == null) {
            throw new NotFound("Model", id);
        }
        return model;
    }

    /** The owner does not exist, or was deleted meanwhile: the insert broke the foreign key. */
    private static Throwable ownerGone(Throwable failure, long ownerId) {
        return DatabaseFailures.violated(failure)
                .filter("models_owner_id_fkey"::equals)
                .<Throwable>map(constraint -> new NotFound("User", ownerId))
                .orElse(failure);
    }
}
