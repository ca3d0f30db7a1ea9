package com.modelregistry.user;

import com.modelregistry.auth.PasswordHasher;
import com.modelregistry.common.ConflictException;
import com.modelregistry.common.DatabaseConstraints;
import com.modelregistry.common.NotFoundException;
import com.modelregistry.common.Page;
import com.modelregistry.common.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Registration and account changes. Passwords are hashed before the transaction opens, so no database connection
 * is held while bcrypt runs; uniqueness is left to the database so that concurrent requests cannot both win.
 */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final PasswordHasher hasher;

    public UserService(UserRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
    }

    public Uni<UserView> register(NewUser request) {
        return hasher.hash(request.password()).chain(hash -> Panache.withTransaction(() -> {
            User user = new User();
            user.email = request.email();
            user.username = request.username();
            user.passwordHash = hash;
            return users.persistAndFlush(user).map(UserView::of);
        })).onFailure().transform(UserService::conflictOrSame);
    }

    @WithSession
    public Uni<Page<UserView>> list(String email, PageRequest page) {
        return users.findNewestFirst(email, page)
                .chain(found -> users.countMatching(email).map(total -> Page.of(found, UserView::of, page, total)));
    }

    @WithSession
    public Uni<UserView> get(long id, boolean withModels) {
        if (withModels) {
            return users.findWithModels(id).map(user -> UserView.withModels(existing(user, id)));
        }
        return users.findById(id).map(user -> UserView.of(existing(user, id)));
    }

    public Uni<UserView> update(long id, UserPatch patch) {
        Uni<Optional<String>> newHash = patch.password() == null
                ? Uni.createFrom().item(Optional.empty())
                : hasher.hash(patch.password().orElseThrow()).map(Optional::of);
        return newHash.chain(hash -> Panache.withTransaction(() -> users.findById(id).chain(found -> {
            User user = existing(found, id);
            if (patch.email() != null) {
                user.email = patch.email().orElseThrow();
            }
            if (patch.username() != null) {
                user.username = patch.username().orElseThrow();
            }
            if (patch.active() != null) {
                user.active = patch.active().orElseThrow();
            }
            hash.ifPresent(h -> user.passwordHash = h);
            return users.flush().map(ignored -> UserView.of(user));
        }))).onFailure().transform(UserService::conflictOrSame);
    }

    @WithTransaction
    public Uni<Void> delete(long id) {
        return users.deleteWithoutLoading(id).map(deleted -> {
            if (!deleted) {
                throw new NotFoundException("User", id);
            }
            return null;
        });
    }

    static User existing(User user, long id) {
        if (user == null) {
            throw new NotFoundException("User", id);
        }
        return user;
    }

    private static Throwable conflictOrSame(Throwable failure) {
        return DatabaseConstraints.violated(failure).<Throwable>map(constraint -> switch (constraint) {
            case "users_email_key" -> new ConflictException("email", "is already registered");
            case "users_username_key" -> new ConflictException("username", "is already taken");
            default -> failure;
        }).orElse(failure);
    }
}
