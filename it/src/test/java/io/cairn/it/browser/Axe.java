package io.cairn.it.browser;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.stream.Collectors;

/** Accessibility checks with axe-core, reported so that a failed assertion says what to fix and where. */
public final class Axe {
    /** WCAG 2.0 and 2.1, levels A and AA: the level the console commits to. */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private Axe() {
    }

    /**
     * One rule the page breaks.
     *
     * @param targets CSS selectors of the offending elements (one per element)
     */
    public record Violation(String id, String impact, String help, String helpUrl, List<String> targets) {
        /** One line per violation, so {@code assertThat(Axe.violations(page)).isEmpty()} fails readably. */
        @Override
        public String toString() {
            return id + " (" + impact + "): " + help + " at " + String.join(", ", targets) + "; see " + helpUrl;
        }
    }

    /** Runs axe-core on the page as it is now, against {@link #TAGS}. */
    public static List<Violation> violations(Page page) {
        AxeResults results = new AxeBuilder(page).withTags(TAGS).analyze();
        if (results.isErrored()) {
            // An axe run that failed would otherwise look like a page without violations.
            throw new IllegalStateException("axe-core failed on " + page.url() + ": " + results.getErrorMessage());
        }
        return results.getViolations().stream().map(Axe::violation).toList();
    }

    private static Violation violation(Rule rule) {
        List<String> targets = rule.getNodes().stream().map(CheckedNode::getTarget).map(Axe::selector).toList();
        return new Violation(rule.getId(), rule.getImpact(), rule.getHelp(), rule.getHelpUrl(), targets);
    }

    /** axe gives a list of selectors, one more per iframe (or shadow root, as a nested list) on the way down. */
    private static String selector(Object target) {
        return target instanceof List<?> path
                ? path.stream().map(Axe::selector).collect(Collectors.joining(" >>> "))
                : String.valueOf(target);
    }
}
