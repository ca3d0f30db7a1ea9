package com.modelregistry.common.problem;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same error answers from the packaged application. */
@QuarkusIntegrationTest
class ProblemResponsesIT extends ProblemResponsesTest {
}
