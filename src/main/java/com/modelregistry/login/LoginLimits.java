package com.modelregistry.login;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * The three login limits: failures from one client address whatever usernames it names, failures of one account from
 * one address, and failures of one account from all addresses, whose ceiling is higher and brings growing delays
 * rather than a refusal that a stranger could keep up.
 */
record LoginLimits(FailureLimit address, FailureLimit accountAtAddress, FailureLimit account) {

    static LoginLimits from(Settings settings) {
        return new LoginLimits(
                FailureLimit.untilTheWindowEnds(settings.address().maxFailures(), settings.address().window()),
                FailureLimit.untilTheWindowEnds(settings.accountAtAddress().maxFailures(),
                        settings.accountAtAddress().window()),
                new FailureLimit(settings.account().maxFailures(), settings.account().window(),
                        settings.account().firstDelay(), settings.account().maxDelay()));
    }

    @ConfigMapping(prefix = "registry.auth.login")
    interface Settings {

        Limit address();

        Limit accountAtAddress();

        DelayedLimit account();

        interface Limit {
            int maxFailures();

            Duration window();
        }

        interface DelayedLimit extends Limit {
            Duration firstDelay();

            Duration maxDelay();
        }
    }
}
