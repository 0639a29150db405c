package dev.honorgraph.neo4jlocal;
public class Neo4jLocal { public static void main(String[] a) {} }
