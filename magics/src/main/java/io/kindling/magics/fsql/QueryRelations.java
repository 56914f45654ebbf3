package io.kindling.magics.fsql;

import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.trees.Origin;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tables a SELECT reads, as Spark's own parser sees them: every relation name outside the query's
 * CTE names (subqueries included), where it is in the SQL, and whether it already has an alias.
 * <pre>{@code
 * List<QueryRelations.Relation> read = QueryRelations.of(spark.sessionState().sqlParser().parsePlan(sql));
 * }</pre>
 */
final class QueryRelations {
    /**
     * @param parts   the name's parts, e.g. {@code [rides, events]}
     * @param start   where the name starts in the parsed SQL, or -1 when Spark did not say
     * @param end     the offset after it
     * @param aliased whether the query gave it an alias ({@code FROM top t})
     */
    record Relation(List<String> parts, int start, int end, boolean aliased) {
        Relation {
            parts = List.copyOf(parts);
        }

        String name() {
            return String.join(".", parts);
        }
    }

    private QueryRelations() {
    }

    static List<Relation> of(LogicalPlan plan) {
        List<Relation> found = new ArrayList<>();
        walk(plan, false, new HashSet<>(), found);
        return found;
    }

    private static void walk(LogicalPlan plan, boolean aliased, Set<String> ctes, List<Relation> found) {
        Set<String> visible = ctes;
        if (plan instanceof UnresolvedWith with) {
            visible = new HashSet<>(ctes);
            for (Tuple3<String, SubqueryAlias, ?> cte : CollectionConverters.asJava(with.cteRelations())) {
                visible.add(cte._1().toLowerCase(Locale.ROOT));
            }
        }
        if (plan instanceof UnresolvedRelation relation) {
            List<String> parts = CollectionConverters.asJava(relation.multipartIdentifier());
            if (!(parts.size() == 1 && visible.contains(parts.get(0).toLowerCase(Locale.ROOT)))) {
                Origin origin = relation.origin();
                int start = origin.startIndex().isDefined() ? (Integer) origin.startIndex().get() : -1;
                int end = origin.stopIndex().isDefined() ? (Integer) origin.stopIndex().get() + 1 : -1;
                found.add(new Relation(parts, start, end, aliased));
            }
        }
        for (Expression expression : CollectionConverters.asJava(plan.expressions())) {
            walk(expression, visible, found);
        }
        boolean alias = plan instanceof SubqueryAlias;
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            walk(child, alias, visible, found);
        }
        if (plan instanceof UnresolvedWith with) {
            for (Tuple3<String, SubqueryAlias, ?> cte : CollectionConverters.asJava(with.cteRelations())) {
                walk(cte._2(), false, visible, found);
            }
        }
    }

    private static void walk(Expression expression, Set<String> ctes, List<Relation> found) {
        if (expression instanceof SubqueryExpression subquery) {
            walk(subquery.plan(), false, ctes, found);
        }
        for (Expression child : CollectionConverters.asJava(expression.children())) {
            walk(child, ctes, found);
        }
    }
}
