package com.modelregistry.login;

import com.modelregistry.auth.AccessToken;
import com.modelregistry.auth.PasswordHasher;
import com.modelregistry.auth.TokenIssuer;
import com.modelregistry.common.problem.TooManyRequests;
import com.modelregistry.common.problem.Unauthenticated;
import com.modelregistry.user.User;
import com.modelregistry.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a username (or email) and password into an access token. Every refusal looks the same and costs the same:
 * an unknown user is checked against a dummy hash, an inactive one is checked like any other. The session is opened
 * for the lookup alone ({@code Panache.withSession}, not {@code @WithSession} on the method): the address limit is
 * asked before it, and bcrypt runs after its connection has gone back to the pool.
 */
@ApplicationScoped
public class LoginService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    private static final int MAX_PASSWORD_BYTES = 72;

    private volatile String dummyHash;

    public LoginService(UserRepository users, PasswordHasher hasher, TokenIssuer tokens, LoginThrottle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /** Computed at start-up, on the main thread, so that no request pays for it and no event loop runs bcrypt. */
    void prepareDummyHash(@Observes StartupEvent started) {
        dummyHash = PasswordHasher.hashNow(UUID.randomUUID().toString());
    }

    /** {@code clientAddress} as {@link ClientAddresses} gives it: what the login limits count per address. */
    public Uni<AccessToken> login(String usernameOrEmail, String password, String clientAddress) {
        // before the lookup: a flood from an address this instance saw refused costs neither a statement nor bcrypt
        Optional<Duration> addressWait = throttle.addressWait(clientAddress);
        if (addressWait.isPresent()) {
            return Uni.createFrom().failure(tooManyFailures(addressWait.get()));
        }
        String name = usernameOrEmail.trim().toLowerCase(Locale.ROOT);
        return Panache.withSession(() -> users.findByLogin(name)).chain(user -> {
            // one count per account, whether it is named by username or by email; unknown names are counted alike,
            // so that the limits tell no one which names exist
            String account = user == null ? "name:" + name : "user:" + user.id;
            // bcrypt reads 72 bytes at most: a longer password must not match on its first 72
            boolean tooLong = password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
            return throttle.attempt(account, clientAddress).chain(wait -> {
                if (wait.isPresent()) {
                    throw tooManyFailures(wait.get());
                }
                String hash = user == null || tooLong ? dummyHash : user.passwordHash;
                return hasher.matches(password, hash);
            }).chain(matches -> {
                if (user == null || tooLong || !matches || !user.active) {
                    throw new Unauthenticated("Wrong username or password");
                }
                return throttle.succeeded(account, clientAddress)
                        .map(cleared -> tokens.issue(user.id, user.username, user.role, user.tokenVersion));
            });
        });
    }

    private static TooManyRequests tooManyFailures(Duration wait) {
        return new TooManyRequests("Too many failed logins; try again later", wait);
    }
}
