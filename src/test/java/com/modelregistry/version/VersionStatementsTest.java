package com.modelregistry.version;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.SqlRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts the SQL statements of the version reads (see user/UserStatementsTest): the same for 2 versions as for 40. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class VersionStatementsTest {

    @Test
    void expandingVersionsTakesThreeStatementsWhateverTheirNumber() {
        Account reader = Api.newUser();
        for (int count : List.of(2, 40)) {
            long model = model(count);
            try (SqlRecorder sql = SqlRecorder.start()) {
                reader.request().queryParam("expand", "versions").when().get("/models/{id}", model)
                        .then().statusCode(200).body("versions.size()", equalTo(count));

                // the model, its versions, their aliases
                assertEquals(3, sql.statements().size(), count + " versions: " + sql.statements());
            }
        }
    }

    @Test
    void aPageOfVersionsTakesFourStatementsWhateverItsSize() {
        Account reader = Api.newUser();
        for (int count : List.of(2, 40)) {
            long model = model(count);
            try (SqlRecorder sql = SqlRecorder.start()) {
                reader.request().queryParam("size", 50).when().get("/models/{id}/versions", model)
                        .then().statusCode(200).body("items.size()", equalTo(count));

                // the model's existence, the page, the total, the aliases
                assertEquals(4, sql.statements().size(), count + " versions: " + sql.statements());
            }
        }
    }

    private static long model(int count) {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "counted", "pytorch", null);
        for (int i = 0; i < count; i++) {
            Api.createVersion(owner, model, "s3://b/counted/" + i);
        }
        return model;
    }
}
