package org.orggroups.command;

import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

/** Beans of the command side that are not found by their own annotations. */
@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    /**
     * The lock factory of every aggregate ({@code @Aggregate(lockFactory = "aggregateLockFactory")}): none.
     * <p>
     * Every lock the command side relies on lives in the database: the {@code tree_lock} row, the row locks
     * on {@code group_tree}, and the event table's unique {@code (aggregate_identifier, sequence_number)}.
     * Axon's default JVM-local aggregate lock adds nothing across nodes sharing that database, and within
     * one node it deadlocks against them where no database can see it: a move loads its group (taking the
     * aggregate lock) and then waits for the {@code tree_lock} row, while a delete holding that row loads
     * the same group as part of its subtree and waits for the aggregate lock. Writers of one aggregate are
     * serialized in the database instead, by {@link AggregateLockInterceptor}, which Axon's Spring Boot
     * auto-configuration puts on the command bus as it does every handler interceptor bean (registering it here
     * as well would run it, and its lock statement, twice per command).
     *
     * @return {@link NullLockFactory#INSTANCE}
     */
    @Bean
    public LockFactory aggregateLockFactory() {
        return NullLockFactory.INSTANCE;
    }

    /**
     * Gives every aggregate a {@link ConstructorAggregateFactory} and a {@link VersionCheckedCachingRepository} instead
     * of the factory and repository Axon's Spring configuration registers by default: its factory has Spring build a
     * prototype bean of the aggregate on every load, and its repository reads and replays all the aggregate's events
     * on every load. Axon uses the beans named {@code <aggregate>AggregateFactory} and {@code <aggregate>Repository}
     * (the aggregate's simple name, first letter in lower case) when there are such ({@code SpringAggregateLookup},
     * which looks after every registry post-processor has run), and the repository is injected by its type,
     * {@code Repository<aggregate>}, as Axon's is. None of the aggregates has subtypes, which the factory would not
     * create. Each repository keeps at most {@code orggroups.aggregate-cache-size} aggregates (a setting of the
     * application).
     *
     * @return the post-processor that registers one factory and one repository per {@link Aggregate} bean
     */
    @Bean
    public static BeanDefinitionRegistryPostProcessor aggregateFactoriesAndRepositories() {
        return registry -> {
            ListableBeanFactory beans = (ListableBeanFactory) registry;
            for (String aggregate : beans.getBeanNamesForAnnotation(Aggregate.class)) {
                Class<?> type = beans.getType(aggregate);
                if (type == null) {
                    continue; // Axon skips such a bean too
                }
                String name = type.getSimpleName();
                String prefix = Character.toLowerCase(name.charAt(0)) + name.substring(1);
                registry.registerBeanDefinition(prefix + "AggregateFactory", BeanDefinitionBuilder
                        .genericBeanDefinition(ConstructorAggregateFactory.class,
                                () -> new ConstructorAggregateFactory<>(type))
                        .getBeanDefinition());
                RootBeanDefinition repository = (RootBeanDefinition) BeanDefinitionBuilder
                        .rootBeanDefinition(VersionCheckedCachingRepository.class)
                        .setFactoryMethod("of")
                        .addConstructorArgReference(prefix + "AggregateFactory")
                        .addConstructorArgValue(new RuntimeBeanReference(org.axonframework.config.Configuration.class))
                        .addConstructorArgValue("${orggroups.aggregate-cache-size}")
                        .getBeanDefinition();
                repository.setTargetType(ResolvableType.forClassWithGenerics(Repository.class, type));
                registry.registerBeanDefinition(prefix + "Repository", repository);
            }
        };
    }
}
