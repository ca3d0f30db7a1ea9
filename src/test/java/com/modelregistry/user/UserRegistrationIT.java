package com.modelregistry.user;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same API tests against the packaged application. */
@QuarkusIntegrationTest
class UserRegistrationIT extends UserRegistrationTest {
}
