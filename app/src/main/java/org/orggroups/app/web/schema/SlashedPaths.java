package org.orggroups.app.web.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Documents each path once, with its trailing slash, as Waldur's schema does: the controllers also map every path
 * without the slash (API.md section 1), which springdoc would list as a second set of operations whose ids it
 * numbers ({@code organization_groups_list_1}). An id numbered only because of such a twin gets its name back,
 * so that the document does not depend on the order in which springdoc met the two.
 */
@Component
public class SlashedPaths implements OpenApiCustomizer {

    private static final Pattern NUMBERED = Pattern.compile("(.+)_\\d+");

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().keySet().removeIf(path -> !path.endsWith("/") && openApi.getPaths().containsKey(path + "/"));
        List<Operation> operations = openApi.getPaths().values().stream()
                .flatMap(item -> item.readOperations().stream()).toList();
        Set<String> ids = new HashSet<>();
        operations.forEach(operation -> ids.add(operation.getOperationId()));
        for (Operation operation : operations) {
            Matcher numbered = operation.getOperationId() == null ? null : NUMBERED.matcher(operation.getOperationId());
            if (numbered != null && numbered.matches() && ids.add(numbered.group(1))) {
                ids.remove(operation.getOperationId());
                operation.setOperationId(numbered.group(1));
            }
        }
    }

}
