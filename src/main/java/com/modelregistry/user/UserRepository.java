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
    private static final String VIEW_WITH_MODELS = "select new com.modelregistry.user.UserModelRow("
            + UserModelRow.COLUMNS + ") from User u left join u.models m where u.id = :id"
            + " order by m.createdAt desc, m.id desc";
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

    /**
     * The user's view with all of its models, newest first, in one SQL statement, or null when there is no such user;
     * see UserModelRow for why no entity.
     */
    public Uni<UserView> viewWithModels(long id) {
        return getSession().chain(session -> session.createSelectionQuery(VIEW_WITH_MODELS, UserModelRow.class)
                .setParameter("id", id).getResultList()).map(UserModelRow::view);
    }

    /** Deletes in one statement without loading the user or its models; the database cascades to the models. */
    public Uni<Boolean> deleteWithoutLoading(long id) {
        return delete("id", id).map(deleted -> deleted > 0);
    }
}
