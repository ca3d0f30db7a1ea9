package com.modelregistry.user;

import com.modelregistry.common.paging.KeyType;
import com.modelregistry.common.paging.Keyset;
import com.modelregistry.common.paging.KeysetOrder;
import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.mlmodel.Owners;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/** Every query on users. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, Long>, Owners {

    /** The only order of the user list; cursors name it unlike any order of the model list. */
    public static final KeysetOrder<User> NEWEST = KeysetOrder.of("users:-createdAt", "createdAt", KeyType.TIME,
            false, false, user -> user.createdAt, user -> user.id);
    private static final Sort NEWEST_FIRST = NEWEST.sort();
    /** An advisory lock key of this application's own ("registry admin" in ASCII, cut to 8 bytes). */
    private static final long ADMIN_ACCOUNT_LOCK = 0x7265_6769_7374_7279L;

    public Uni<List<User>> findNewestFirst(String email, PageRequest page) {
        if (email == null) {
            return findAll(NEWEST_FIRST).page(page.toPanache()).list();
        }
        return find("email", NEWEST_FIRST, email).page(page.toPanache()).list();
    }

    /** The slice of the users (with this email, when not null) that the request asks for, newest first. */
    public Uni<KeysetPage<UserView>> findNewestAfter(String email, KeysetRequest<User> request) {
        return email == null
                ? Keyset.slice(this, "1 = 1", new Parameters(), request, UserView::of)
                : Keyset.slice(this, "email = :email", Parameters.with("email", email), request, UserView::of);
    }

    public Uni<Long> countMatching(String email) {
        return email == null ? count() : count("email", email);
    }

    /** The user who logs in with this username or email; both are compared ignoring case. */
    public Uni<User> findByLogin(String usernameOrEmail) {
        String lowered = usernameOrEmail.toLowerCase(Locale.ROOT);
        return find("email = ?1 or lower(username) = ?1", lowered).firstResult();
    }

    /** The user with this username, compared ignoring case. */
    public Uni<User> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(Locale.ROOT)).firstResult();
    }

    /** The user with this email; emails are stored lowercase. */
    public Uni<User> findByEmail(String email) {
        return find("email", email.toLowerCase(Locale.ROOT)).firstResult();
    }

    /**
     * Waits for, then holds until the transaction ends, the database-wide lock that start-up's admin step takes, so
     * that instances starting together take turns: the first creates the admin, the others find it.
     */
    public Uni<Void> lockForAdminAccount() {
        return getSession().chain(session -> session
                .createNativeQuery("select count(*) from pg_advisory_xact_lock(" + ADMIN_ACCOUNT_LOCK + ")", Long.class)
                .getSingleResult()).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> exists(long userId) {
        return count("id", userId).map(found -> found > 0);
    }

    /** The user with all of its models, newest first, in one SQL statement. */
    public Uni<User> findWithModels(long id) {
        return find("from User u left join fetch u.models where u.id = ?1", id).list()
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** Deletes in one statement without loading the user or its models; the database cascades to the models. */
    public Uni<Boolean> deleteWithoutLoading(long id) {
        return delete("id", id).map(deleted -> deleted > 0);
    }
}
