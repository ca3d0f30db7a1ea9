package com.modelregistry.user;

import com.modelregistry.auth.Roles;
import com.modelregistry.auth.Caller;
import com.modelregistry.auth.PasswordHasher;
import com.modelregistry.auth.TokenRevocation;
import com.modelregistry.common.problem.Conflict;
import com.modelregistry.common.problem.Forbidden;
import com.modelregistry.common.db.DatabaseFailures;
import com.modelregistry.common.http.EntityTag;
import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.problem.NotFound;
import com.modelregistry.common.paging.Page;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.common.problem.PreconditionFailed;
import com.modelregistry.common.http.Tagged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Objects;
import java.util.Optional;

/**
 * Registration and account changes, and who may make them: a user reads, changes and removes only themself, and only
 * an admin lists users or changes active and role. Uniqueness is left to the database so that concurrent requests
 * cannot both win. A change of password, active flag or role raises the user's token version, which revokes the
 * tokens issued so far.
 * <p>
 * The writes open their transaction themselves ({@code Panache.withTransaction}), because work must happen outside
 * it, which {@code @WithTransaction} (open for the whole method) cannot express: the password is hashed before it
 * opens, so no pooled connection is held while bcrypt runs, and {@link TokenRevocation} forgets the user after it
 * commits, since a request between a forget and the commit would cache the old token version again.
 */
@ApplicationScoped
public class UserService {

    static final String EMAIL_TAKEN = "is already registered";
    static final String USERNAME_TAKEN = "is already taken";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenRevocation revocation;
    private final ReservedNames reserved;

    public UserService(UserRepository users, PasswordHasher hasher, TokenRevocation revocation,
            ReservedNames reserved) {
        this.users = users;
        this.hasher = hasher;
        this.revocation = revocation;
        this.reserved = reserved;
    }

    public Uni<UserView> register(NewUser request) {
        return Uni.createFrom().voidItem()
                .invoke(() -> reserved.refuseClaim(request.email(), request.username(), Roles.USER))
                .chain(() -> hasher.hash(request.password())).chain(hash -> Panache.withTransaction(() -> {
            User user = new User();
            user.email = request.email();
            user.username = request.username();
            user.passwordHash = hash;
            return users.persistAndFlush(user).map(UserView::of);
        })).onFailure().transform(UserService::conflictOrSame);
    }

    /** Only an admin lists users. */
    @WithSession
    public Uni<Page<UserView>> list(Caller caller, String email, PageRequest page) {
        caller.requireAdmin("list users");
        return users.findNewestFirst(email, page)
                .chain(found -> users.countMatching(email).map(total -> Page.of(found, UserView::of, page, total)));
    }

    @WithSession
    public Uni<KeysetPage<UserView>> listAfter(Caller caller, String email, KeysetRequest<User> slice) {
        caller.requireAdmin("list users");
        return users.findNewestAfter(email, slice);
    }

    /** A user as the user themself or an admin sees it; with its models, in one statement. */
    @WithSession
    public Uni<UserView> get(Caller caller, long id, boolean withModels) {
        caller.requireSelfOrAdmin(id);
        if (withModels) {
            return users.viewWithModels(id).map(view -> {
                if (view == null) {
                    throw new NotFound("User", id);
                }
                return view;
            });
        }
        return users.findById(id).map(user -> UserView.of(existing(user, id)));
    }

    /** The user alone, with its version for the ETag. */
    @WithSession
    public Uni<Tagged<UserView>> getTagged(Caller caller, long id) {
        caller.requireSelfOrAdmin(id);
        return users.findById(id).map(user -> tagged(existing(user, id)));
    }

    private static Tagged<UserView> tagged(User user) {
        return new Tagged<>(UserView.of(user), user.version);
    }

    /**
     * Applies the patch under a row lock (see ModelService.update); the password is hashed before the lock is taken.
     *
     * @param ifMatch the If-Match precondition, or null when the client sent none
     */
    public Uni<Tagged<UserView>> update(Caller caller, long id, UserPatch patch, EntityTag ifMatch) {
        caller.requireSelfOrAdmin(id);
        if (patch.changesAdminOnlyFields() && !caller.admin()) {
            throw new Forbidden("Only an admin may change active or role");
        }
        Uni<Optional<String>> newHash = patch.password() == null
                ? Uni.createFrom().item(Optional.empty())
                : hasher.hash(patch.password().orElseThrow()).map(Optional::of);
        return newHash.chain(hash -> Panache.withTransaction(() -> users.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> {
            User user = existing(found, id);
            if (ifMatch != null && !ifMatch.matches(user.version)) {
                throw new PreconditionFailed("User", id);
            }
            boolean revokeTokens = hash.isPresent()
                    || changes(patch.active(), user.active) || changes(patch.role(), user.role);
            if (patch.email() != null) {
                user.email = patch.email().orElseThrow();
            }
            if (patch.username() != null) {
                user.username = patch.username().orElseThrow();
            }
            if (patch.active() != null) {
                user.active = patch.active().orElseThrow();
            }
            if (patch.role() != null) {
                user.role = patch.role().orElseThrow();
            }
            hash.ifPresent(h -> user.passwordHash = h);
            reserved.refuseClaim(patch.email() == null ? null : user.email,
                    patch.username() == null ? null : user.username, user.role);
            if (revokeTokens) {
                user.tokenVersion++;
            }
            return users.flush().map(ignored -> tagged(user));
        }))).onFailure().transform(UserService::conflictOrSame)
                .call(() -> revocation.forget(id));
    }

    /**
     * Deletes the user and, through the database, its models. With a precondition the row is read under a lock first,
     * so the version compared is the one deleted; without one nothing is loaded.
     *
     * @param ifMatch the If-Match precondition, or null when the client sent none
     */
    public Uni<Void> delete(Caller caller, long id, EntityTag ifMatch) {
        caller.requireSelfOrAdmin(id);
        return Panache.withTransaction(() -> ifMatch == null ? users.deleteWithoutLoading(id)
                : users.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(found -> {
                    if (!ifMatch.matches(existing(found, id).version)) {
                        throw new PreconditionFailed("User", id);
                    }
                    return users.deleteWithoutLoading(id);
                })).map(deleted -> {
            if (!deleted) {
                throw new NotFound("User", id);
            }
            return (Void) null;
        }).call(() -> revocation.forget(id));
    }

    static User existing(User user, long id) {
        if (user == null) {
            throw new NotFound("User", id);
        }
        return user;
    }

    private static <T> boolean changes(Optional<T> requested, T current) {
        return requested != null && !Objects.equals(requested.orElseThrow(), current);
    }

    private static Throwable conflictOrSame(Throwable failure) {
        return DatabaseFailures.violated(failure).<Throwable>map(constraint -> switch (constraint) {
            case "users_email_key" -> new Conflict("email", EMAIL_TAKEN);
            case "users_username_key" -> new Conflict("username", USERNAME_TAKEN);
            default -> failure;
        }).orElse(failure);
    }
}
