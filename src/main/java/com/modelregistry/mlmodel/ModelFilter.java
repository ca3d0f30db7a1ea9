package com.modelregistry.mlmodel;

import com.modelregistry.common.http.CheckedQuery;
import com.modelregistry.common.problem.Violation;
import com.modelregistry.common.text.TextRules;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters that filter and order the model list; an absent filter is not applied. */
@CheckedQuery
@RegisterForReflection
public record ModelFilter(
        @Parameter(description = "Exact framework, ignoring case") @QueryParam("framework")
        @Size(min = 1, max = 50) @Pattern(regexp = TextRules.NO_NUL, message = TextRules.NO_NUL_MESSAGE)
        String framework,
        @Parameter(description = "Only models with at least this accuracy (unscored models are left out)")
        @QueryParam("minAccuracy") @DecimalMin("0") @DecimalMax("1") Double minAccuracy,
        @Parameter(description = "Only this user's models") @QueryParam("ownerId") @Min(1) Long ownerId,
        @Parameter(description = "Part of the name, ignoring case") @QueryParam("q")
        @Size(min = 1, max = 255) @Pattern(regexp = TextRules.NO_NUL, message = TextRules.NO_NUL_MESSAGE) String q,
        @Parameter(description = "Order; ties by id descending, unscored models last", schema = @Schema(
                type = SchemaType.STRING, defaultValue = "-createdAt",
                enumeration = {"-createdAt", "createdAt", "-accuracy", "accuracy", "-name", "name"}))
        @QueryParam("sort") @DefaultValue("-createdAt") ModelSort sort,
        @Parameter(description = "Only models with this tag, as key:value split at the first ':'; repeat it (at most "
                + ModelTags.MAX_FILTERS + " times) to require several tags, all of them")
        @QueryParam("tag") List<String> tag) implements CheckedQuery.Rules {

    @Override
    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        ModelTags.required(tagList(), violations);
        return violations;
    }

    /** The search these parameters ask for; only called once they passed validation. */
    ModelSearch search() {
        Map<String, String> tags = ModelTags.required(tagList(), new ArrayList<>());
        return new ModelSearch(Frameworks.normalize(framework), minAccuracy, ownerId, q, tags, sort);
    }

    private List<String> tagList() {
        return tag == null ? List.of() : tag;
    }
}
