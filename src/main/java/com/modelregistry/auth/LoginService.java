package com.modelregistry.auth;

import com.modelregistry.common.TooManyRequestsException;
import com.modelregistry.common.UnauthenticatedException;
import com.modelregistry.user.User;
import com.modelregistry.user.UserRepository;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns a username (or email) and password into an access token. Every refusal looks the same and costs the same:
 * an unknown user is checked against a dummy hash, an inactive one is checked like any other.
 */
@ApplicationScoped
public class LoginService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    private volatile String dummyHash;

    public LoginService(UserRepository users, PasswordHasher hasher, TokenIssuer tokens, LoginThrottle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /** Computed at start-up, on the main thread, so that no request pays for it and no event loop runs bcrypt. */
    void prepareDummyHash(@Observes StartupEvent started) {
        dummyHash = BcryptUtil.bcryptHash(UUID.randomUUID().toString());
    }

    public Uni<AccessToken> login(String usernameOrEmail, String password) {
        String name = usernameOrEmail.trim().toLowerCase(Locale.ROOT);
        throttle.waitFor(name).ifPresent(wait -> {
            throw new TooManyRequestsException("Too many failed logins for this user; try again later", wait);
        });
        return Panache.withSession(() -> users.findByLogin(name))
                .chain(user -> hasher.matches(password, user == null ? dummyHash : user.passwordHash)
                        .map(matches -> {
                            if (user == null || !matches || !user.active) {
                                throttle.failed(name);
                                throw new UnauthenticatedException("Wrong username or password");
                            }
                            throttle.succeeded(name);
                            return tokens.issue(user);
                        }));
    }
}
