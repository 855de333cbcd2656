package io.cairn.it.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a browser test class only where {@link Chromium#find()} finds Chromium and node, and otherwise skips it with a
 * message naming what is missing: a developer without Chromium still gets a green build. With
 * {@code CAIRN_REQUIRE_BROWSER=1} (set by .ci/run) a missing program fails the class instead, so CI never passes by
 * silently skipping its browser tests.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresChromium.Condition.class)
public @interface RequiresChromium {

    /** The check behind the annotation. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Chromium.find().missing().map(missing -> {
                if ("1".equals(System.getenv("CAIRN_REQUIRE_BROWSER"))) {
                    // Thrown from a condition, JUnit reports the class (or method) as failed rather than skipped.
                    throw new IllegalStateException(
                            "browser tests cannot run, and CAIRN_REQUIRE_BROWSER=1 forbids skipping them: " + missing);
                }
                return ConditionEvaluationResult.disabled("browser tests skipped: " + missing);
            }).orElseGet(() -> ConditionEvaluationResult.enabled("Chromium and node found"));
        }
    }
}
