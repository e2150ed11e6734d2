package org.orderly.gateway.app.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Names declared in one part of the file and referred to from another (buses, circuits, piles), with where.
 *
 * <p>A name declared twice is most often one written where another was meant (p01 twice, p02 never): the references to
 * the name left out are the duplicate's knock-on, not problems of their own, so they are said on the duplicate's line
 * (which id is missing, who refers to it) instead of one line each at every reference.
 */
final class Refs {
    private final String kind;
    private final Map<String, Node> declared = new LinkedHashMap<>();
    private final List<Duplicate> duplicates = new ArrayList<>();
    private final Set<String> referred = new HashSet<>();

    /** A second declaration of {@code name}, its problem's index, and the missing name it may have been meant as. */
    private static final class Duplicate {
        final String name;
        final int problem;
        final String message;
        String meant;
        String firstReference;
        int references;

        Duplicate(String name, int problem, String message) {
            this.name = name;
            this.problem = problem;
            this.message = message;
        }
    }

    /** What a second declaration says, given the name and the lines of the first one and of itself. */
    @FunctionalInterface
    interface SaidTwice {
        String message(String name, int firstLine, int line);
    }

    private final SaidTwice saidTwice;

    Refs(String kind) {
        this(kind, (name, firstLine, line) -> "duplicate " + kind + " id '" + name + "' (first at line " + firstLine
                + "); ids must be unique");
    }

    /** Names whose second declaration is not a duplicate id but says something else ({@code saidTwice}). */
    Refs(String kind, SaidTwice saidTwice) {
        this.kind = kind;
        this.saidTwice = saidTwice;
    }

    /** Declares {@code name}; reports a duplicate. Every name is declared before any is required. */
    void declare(String name, Node at, Problems problems) {
        Node first = declared.putIfAbsent(name, at);
        if (first != null) {
            String message = saidTwice.message(name, lineOf(first), lineOf(at));
            duplicates.add(new Duplicate(name, problems.at(at, message), message));
        }
    }

    /** The line {@code node} begins on, 1 for none (as {@link Problems#at} counts it). */
    private static int lineOf(Node node) {
        return node == null ? 1 : node.getStartMark().getLine() + 1;
    }

    boolean has(String name) {
        return declared.containsKey(name);
    }

    List<String> names() {
        return new ArrayList<>(declared.keySet());
    }

    /**
     * Reports {@code name} at {@code at} unless declared; or, when a duplicate is the likelier cause (see the class),
     * says it on the duplicate's line.
     */
    void require(String name, Node at, String from, Problems problems) {
        if (name == null) {
            return;
        }
        if (declared.containsKey(name)) {
            referred.add(name);
            return;
        }
        Optional<Duplicate> cause = knockOnOf(name);
        if (cause.isPresent()) {
            Duplicate d = cause.get();
            if (d.meant == null) {
                d.meant = name;
                d.firstReference = from + " (line " + lineOf(at) + ")";
            }
            d.references++;
            problems.reword(d.problem, d.message + "; no " + kind + " is '" + d.meant + "', which " + d.firstReference
                    + (d.references > 1 ? " and " + (d.references - 1) + " more refer" : " refers") + " to: was this one"
                    + " meant to be '" + d.meant + "'?");
            return;
        }
        problems.at(at, from + " refers to unknown " + kind + " '" + name + "'; " + Suggest.didYouMean(name, names())
                + (declared.isEmpty() ? "no " + kind + " is declared" : "known: " + String.join(", ", names())));
    }

    /** The names declared that nothing {@link #require}d so far, each at its (first) declaration, in file order. */
    Map<String, Node> unreferred() {
        Map<String, Node> out = new LinkedHashMap<>(declared);
        out.keySet().removeAll(referred);
        return out;
    }

    /**
     * The duplicate {@code missing} was probably written as: the one nearest to it, unless another declared name is
     * nearer (then {@code missing} is a typo of that one, said as such); none when the duplicate is already taken to
     * be meant as another missing name.
     */
    private Optional<Duplicate> knockOnOf(String missing) {
        Optional<Duplicate> nearest = duplicates.stream()
                .filter(d -> d.meant == null || d.meant.equals(missing))
                .min(Comparator.comparingInt(d -> Suggest.distanceIgnoringCase(missing, d.name)));
        if (nearest.isEmpty()) {
            return nearest;
        }
        int toDuplicate = Suggest.distanceIgnoringCase(missing, nearest.get().name);
        Optional<String> typo = Suggest.closest(missing, declared.keySet());
        boolean nearerOther = typo.isPresent() && !typo.get().equals(nearest.get().name)
                && Suggest.distanceIgnoringCase(missing, typo.get()) < toDuplicate;
        return nearerOther ? Optional.empty() : nearest;
    }
}
